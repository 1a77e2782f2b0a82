using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>
/// A plan as Slurm batch scripts under DIR/slurm/: array.sbatch trains one run per array task (`sweep run --index
/// $SLURM_ARRAY_TASK_ID`), report.sbatch writes the report once the array has ended. With a rate grid, tune.sbatch
/// trains the tuning runs first and array.sbatch waits for it (afterok), since the other seeds' rate is chosen by them.
/// The scripts run the CLI as this process was started, by absolute paths, and carry the plan's fingerprint, so a task
/// refuses to run when the plan was made again since.
/// </summary>
public static class SlurmScripts
{
    public const string Folder = "slurm";

    /// <summary>What `sweep slurm` takes: where and how long each task may run, and how many at once.</summary>
    public sealed record Resources(string? Partition, string? Time, int CpusPerTask, int? GpusPerTask, int? MaxParallel);

    /// <summary>A script written and, for a job that must wait for another, the script it waits for and how.</summary>
    public sealed record Script(string Path, string? After, string? Dependency);

    /// <summary>Writes the scripts (atomically) and returns them in the order they must be submitted.</summary>
    public static IReadOnlyList<Script> Write(string directory, SweepPlan plan, Resources resources, IReadOnlyList<string> cli)
    {
        directory = System.IO.Path.GetFullPath(directory);
        if (directory.Contains('\n') || directory.Contains('\r'))
        {
            throw new ArgumentException($"sweep '{directory}': the path holds a line break, which a #SBATCH line cannot carry; move the results folder to a path without one.");
        }
        string folder = System.IO.Path.Combine(directory, Folder);
        Directory.CreateDirectory(System.IO.Path.Combine(folder, "logs"));
        var scripts = new List<Script>();
        int tuning = plan.Runs.Count(r => r.Tunes);
        string run = $"{Command(cli)} sweep run {Quote(directory)} --index \"$SLURM_ARRAY_TASK_ID\" --plan {plan.Fingerprint}";
        if (tuning > 0)
        {
            scripts.Add(new Script(WriteScript(folder, "tune.sbatch", Header(directory, "tune", resources, 0, tuning - 1) + $"exec {run}\n"), null, null));
        }
        if (tuning < plan.Runs.Count)
        {
            string array = WriteScript(folder, "array.sbatch", Header(directory, "runs", resources, tuning, plan.Runs.Count - 1) + $"exec {run}\n");
            scripts.Add(new Script(array, scripts.LastOrDefault()?.Path, "afterok"));
        }
        string report = WriteScript(folder, "report.sbatch", ReportHeader(directory, resources) + $"exec {Command(cli)} report {Quote(directory)}\n");
        scripts.Add(new Script(report, scripts[^1].Path, "afterany"));
        // A plan made again without one of the stages must leave none of the old plan's scripts to be submitted by mistake.
        foreach (string stale in new[] { "tune.sbatch", "array.sbatch" }.Select(n => System.IO.Path.Combine(folder, n)).Except(scripts.Select(s => s.Path)))
        {
            File.Delete(stale);
        }
        return scripts;
    }

    /// <summary>The sbatch commands that submit <paramref name="scripts"/>, each dependent job after the one before.</summary>
    public static string Commands(IReadOnlyList<Script> scripts)
    {
        var text = new StringBuilder();
        for (int i = 0; i < scripts.Count; i++)
        {
            string dependency = scripts[i].After is null ? "" : $"--dependency={scripts[i].Dependency}:$job{i - 1} ";
            text.AppendLine(i < scripts.Count - 1
                ? $"job{i}=$(sbatch --parsable {dependency}{Quote(scripts[i].Path)})"
                : $"sbatch {dependency}{Quote(scripts[i].Path)}");
        }
        return text.ToString();
    }

    /// <summary>Submits the scripts with sbatch, each after the one before; returns the job ids.</summary>
    /// <exception cref="InvalidOperationException">sbatch is missing or refused a script; the message says which and why.</exception>
    public static IReadOnlyList<string> Submit(IReadOnlyList<Script> scripts)
    {
        var ids = new List<string>();
        foreach (Script script in scripts)
        {
            var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("--parsable");
            if (script.After is not null)
            {
                start.ArgumentList.Add($"--dependency={script.Dependency}:{ids[^1]}");
            }
            start.ArgumentList.Add(script.Path);
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (Win32Exception)
            {
                throw new InvalidOperationException(
                    $"sbatch is not on PATH: run this on a Slurm login node (or install Slurm's client commands), or leave out --submit and submit {scripts[0].Path} yourself.");
            }
            using (process)
            {
                string output = process.StandardOutput.ReadToEnd();
                string errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    string reason = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit code {process.ExitCode}";
                    throw new InvalidOperationException($"sbatch refused {script.Path}: {reason}{Submitted(ids)}");
                }
                // --parsable prints "id" or "id;cluster"; anything else would become the next job's --dependency.
                string id = output.Trim().Split(';')[0];
                if (id.Length == 0 || !id.All(char.IsAsciiDigit))
                {
                    throw new InvalidOperationException($"sbatch --parsable printed '{output.Trim()}' for {script.Path}, where a job id was expected; nothing after it was submitted{Submitted(ids)}.");
                }
                ids.Add(id);
            }
        }
        return ids;
    }

    private static string Submitted(List<string> ids) => ids.Count == 0 ? "" : $" (already submitted: job {string.Join(", ", ids)}; cancel with scancel)";

    private static string Header(string directory, string name, Resources resources, int first, int last)
    {
        var text = new StringBuilder("#!/bin/bash\n");
        text.AppendLine($"#SBATCH --job-name=adamomentum-{name}");
        text.AppendLine($"#SBATCH --array={first}-{last}{(resources.MaxParallel is int k ? $"%{k}" : "")}");
        text.AppendLine($"#SBATCH --output={LogPattern(directory, $"{name}-%A_%a.out")}");
        text.AppendLine($"#SBATCH --cpus-per-task={resources.CpusPerTask}");
        // A task requeued after preemption or a node failure resumes from its run's last epoch checkpoint.
        text.AppendLine("#SBATCH --requeue");
        text.AppendLine("#SBATCH --open-mode=append");
        AppendPlacement(text, resources);
        if (resources.GpusPerTask is int gpus)
        {
            text.AppendLine($"#SBATCH --gpus-per-task={gpus}");
        }
        return text.AppendLine($"cd {Quote(directory)}").ToString();
    }

    private static string ReportHeader(string directory, Resources resources)
    {
        var text = new StringBuilder("#!/bin/bash\n");
        text.AppendLine("#SBATCH --job-name=adamomentum-report");
        text.AppendLine($"#SBATCH --output={LogPattern(directory, "report-%j.out")}");
        text.AppendLine("#SBATCH --cpus-per-task=1");
        AppendPlacement(text, resources);
        return text.AppendLine($"cd {Quote(directory)}").ToString();
    }

    private static void AppendPlacement(StringBuilder text, Resources resources)
    {
        if (resources.Partition is string partition)
        {
            text.AppendLine($"#SBATCH --partition={partition}");
        }
        if (resources.Time is string time)
        {
            text.AppendLine($"#SBATCH --time={time}");
        }
    }

    private static string WriteScript(string folder, string name, string content)
    {
        string path = System.IO.Path.Combine(folder, name);
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(content)));
        return path;
    }

    /// <summary>
    /// A log file's path as a #SBATCH line takes it: '%' doubled in the folder, since --output expands %A, %a and %j;
    /// then, where the path holds a blank, a quote, a backslash or '#', in double quotes with a backslash before each
    /// backslash, '"' and '#' in it, since sbatch splits those lines at blanks outside quotes, drops the quotes, takes a
    /// backslash-escaped character as it is and (older versions even inside quotes) reads '#' as the start of a comment.
    /// A backslash before a blank outside quotes is not enough: Debian's sbatch splits there all the same.
    /// </summary>
    private static string LogPattern(string directory, string file)
    {
        string path = System.IO.Path.Combine(directory.Replace("%", "%%"), Folder, "logs") + System.IO.Path.DirectorySeparatorChar + file;
        if (!path.Any(c => char.IsWhiteSpace(c) || c is '\\' or '\'' or '"' or '#'))
        {
            return path;
        }
        var escaped = new StringBuilder("\"");
        foreach (char c in path)
        {
            escaped.Append(c is '\\' or '"' or '#' ? "\\" + c : c.ToString());
        }
        return escaped.Append('"').ToString();
    }

    private static string Command(IReadOnlyList<string> cli) => string.Join(" ", cli.Select(Quote));

    /// <summary>A word for bash, quoted when it needs to be.</summary>
    private static string Quote(string word) =>
        word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-=:+,@".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";
}
