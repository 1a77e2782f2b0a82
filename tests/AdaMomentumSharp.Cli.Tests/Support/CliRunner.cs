using System.CommandLine;
using AdaMomentumSharp.Cli.Commands;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Invokes the CLI's commands in process, as the executable would, letting exceptions through.</summary>
public static class CliRunner
{
    public static int Run(params string[] args)
    {
        var root = new RootCommand { CompareCommand.Create(), ReportCommand.Create(), TrajectoriesCommand.Create(), BenchCommand.Create() };
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            throw new ArgumentException($"The test's command line does not parse: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
        }
        return parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }
}
