using System.CommandLine;
using AdaMomentumSharp.Cli.Commands;
using AdaMomentumSharp.Experiments.Data;

var root = new RootCommand("AdaMomentum experiments: train real models on real data with AdaMomentum and its rivals.")
{
    CompareCommand.Create(),
    TrajectoriesCommand.Create(),
    BenchCommand.Create(),
    ReportCommand.Create(),
    SweepCommand.Create(),
};

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine(ErrorLine.ForParseErrors(parsed));
    return ErrorLine.ExitCode;
}
try
{
    // Ctrl+C and SIGTERM cancel the commands' token; compare stops at its next batch and returns. A batch rarely takes
    // seconds, so after this grace the process exits anyway (the run in progress is redone on resume).
    var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
    return await parsed.InvokeAsync(invocation);
}
catch (Exception e) when (e is ArgumentException or DataFileException or InvalidDataException or IOException or UnauthorizedAccessException
                           or InvalidOperationException)
{
    Console.Error.WriteLine(ErrorLine.For(e));
    return ErrorLine.ExitCode;
}
