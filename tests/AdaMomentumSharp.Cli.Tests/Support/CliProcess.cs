using System.Diagnostics;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Runs the built `adamomentum` executable as a user would, capturing what it prints.</summary>
public static class CliProcess
{
    private static string Executable => Path.Combine(AppContext.BaseDirectory, "adamomentum");

    /// <summary>
    /// The executable as another user can reach it: in place when every folder above it lets others through, else in a
    /// copy under the temporary folder (hard links where the file system allows), since a clone under /root, say, does not.
    /// </summary>
    private static readonly Lazy<string> ReachableExecutable = new(() =>
    {
        if (OperatingSystem.IsWindows())
        {
            return Executable;
        }
        string folder = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        bool reachable = true;
        for (var d = new DirectoryInfo(folder); d is not null; d = d.Parent)
        {
            reachable &= (File.GetUnixFileMode(d.FullName) & UnixFileMode.OtherExecute) != 0;
        }
        if (reachable)
        {
            return Executable;
        }
        string copy = Path.Combine(Path.GetTempPath(), $"adamomentum-reachable-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        };
        foreach (string flags in new[] { "-al", "-a" })
        {
            using var cp = Process.Start("cp", [flags, folder, copy])!;
            cp.WaitForExit();
            if (cp.ExitCode == 0)
            {
                return Path.Combine(copy, "adamomentum");
            }
            Directory.Delete(copy, recursive: true);
        }
        throw new InvalidOperationException($"Could not copy {folder} where another user can run it.");
    });

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
        IEnumerable<string> prefix = asNobody ? ["--reuid=65534", "--regid=65534", "--clear-groups", ReachableExecutable.Value] : [];
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
