using System.Diagnostics;

namespace AdaMomentumSharp.Cli.Tests.Slurm;

/// <summary>
/// A real one-node Slurm cluster for the life of a test (one-node-slurm.sh: its own munged, slurmctld and slurmd under
/// a folder of its own), stopped by the pids it started. Starting fails the test with the script's reason.
/// </summary>
public sealed class OneNodeSlurm : IDisposable
{
    private static readonly string Script = Path.Combine(AppContext.BaseDirectory, "Sweeps", "Slurm", "one-node-slurm.sh");

    private TempDirectory folder = new();

    /// <summary>The environment Slurm's commands need: SLURM_CONF, the cluster's configuration.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public OneNodeSlurm()
    {
        var (code, output, errors) = Bash("start");
        if (code != 0)
        {
            // Once more in a fresh folder: on a loaded machine a daemon has been seen to end during its start. Both
            // reasons are given if the second try fails too.
            string first = errors.Trim();
            folder.Dispose();
            folder = new TempDirectory();
            (code, output, errors) = Bash("start");
            if (code != 0)
            {
                folder.Dispose();
                throw new InvalidOperationException(
                    $"The one-node Slurm cluster did not start, twice (exit {code}; as root, with slurm-wlm and munge installed): {errors.Trim()} (first try: {first})");
            }
        }
        const string Export = "export SLURM_CONF=";
        string line = output.Split('\n').Single(l => l.StartsWith(Export, StringComparison.Ordinal));
        Environment = new Dictionary<string, string> { ["SLURM_CONF"] = line[Export.Length..].Trim() };
    }

    /// <summary>Waits until none of <paramref name="jobs"/> is queued or running.</summary>
    public void WaitFor(IEnumerable<string> jobs, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            var (code, output, errors) = Run("squeue", ["--noheader", "--format=%i", "--jobs", string.Join(",", jobs)]);
            // squeue refuses ids it no longer knows of (every job ended long enough ago) with "Invalid job id".
            if (code != 0 && !errors.Contains("Invalid job id", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"squeue failed: {errors.Trim()}");
            }
            if (code != 0 || output.Trim().Length == 0)
            {
                return;
            }
            Thread.Sleep(1000);
        }
        throw new TimeoutException($"Slurm jobs {string.Join(",", jobs)} did not end within {deadline}: {Run("squeue", []).Output}");
    }

    /// <summary>`scontrol show job`'s JobState of a job that ended (Slurm keeps it for 300 s).</summary>
    public string State(string job)
    {
        string output = Run("scontrol", ["show", "job", job]).Output;
        return output.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).First(w => w.StartsWith("JobState=", StringComparison.Ordinal))["JobState=".Length..];
    }

    public void Dispose()
    {
        Bash("stop");
        folder.Dispose();
    }

    private (int Code, string Output, string Errors) Bash(string command) => Run("bash", [Script, command, folder.Path]);

    private (int Code, string Output, string Errors) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in Environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, errors.Result);
    }
}
