using System.CommandLine;
using AdaMomentumSharp.Cli.Commands;
using AdaMomentumSharp.Cli.Data;

var root = new RootCommand("AdaMomentum experiments: train real models on real data with AdaMomentum and its rivals.")
{
    CompareCommand.Create(),
    TrajectoriesCommand.Create(),
    BenchCommand.Create(),
    ReportCommand.Create(),
};

try
{
    // Commands handle Ctrl+C themselves (compare finishes the current batch and keeps every finished run).
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
}
catch (Exception e) when (e is ArgumentException or DataFileException or InvalidDataException or FileNotFoundException or InvalidOperationException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
