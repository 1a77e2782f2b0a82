using System.Diagnostics;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Runs the built `adamomentum` executable as a user would, capturing what it prints.</summary>
public static class CliProcess
{
    private static string Executable => Path.Combine(AppContext.BaseDirectory, "adamomentum");

    /// <param name="workingDirectory">Where the process runs (null: the test's own working folder).</param>
    public static (int ExitCode, string Output, string Errors) Run(IEnumerable<string> arguments, string? workingDirectory = null) =>
        RunAsync(arguments, workingDirectory: workingDirectory).Result;

    /// <param name="unprivileged">Run it as a user the file permissions apply to: as nobody (through setpriv) when the
    /// tests run as root, whom a folder's mode does not stop; as the tests' own user otherwise.</param>
    /// <param name="environment">Variables to set for it (a feature cache of its own, say).</param>
    /// <param name="workingDirectory">Where the process runs (null: the test's own working folder).</param>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, bool unprivileged = false,
                                                                                   IReadOnlyDictionary<string, string>? environment = null,
                                                                                   string? workingDirectory = null)
    {
        bool asNobody = unprivileged && Environment.UserName == "root";
        var start = new ProcessStartInfo(asNobody ? "setpriv" : Executable)
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        IEnumerable<string> prefix = asNobody ? ["--reuid=65534", "--regid=65534", "--clear-groups", Executable] : [];
        foreach (string argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        if (asNobody)
        {
            start.Environment["HOME"] = Path.GetTempPath();
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
