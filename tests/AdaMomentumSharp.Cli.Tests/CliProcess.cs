using System.Diagnostics;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Runs the built `adamomentum` executable as a user would, capturing what it prints.</summary>
public static class CliProcess
{
    public static (int ExitCode, string Output, string Errors) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "adamomentum"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors);
    }
}
