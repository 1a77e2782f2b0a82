using System.Diagnostics;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Runs the built `adamomentum` executable as a user would, capturing what it prints.</summary>
public static class CliProcess
{
    /// <param name="workingDirectory">Where the process runs (null: the test's own working folder).</param>
    public static (int ExitCode, string Output, string Errors) Run(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "adamomentum"))
        {
            WorkingDirectory = workingDirectory ?? "",
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
