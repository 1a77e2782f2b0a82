using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>
/// Where each run of a plan stands, read from the results folder alone (so it works from any machine that sees the
/// folder, while workers train): finished (its record is in runs/), running (a live <see cref="RunLock"/>), failed (the
/// marker `sweep run` leaves, <see cref="FailureMarker"/>) or pending.
/// </summary>
public static class SweepStatus
{
    public enum State { Finished, Running, Failed, Pending }

    public sealed record RunState(PlannedRun Run, State State, string Detail);

    /// <summary>Where a failed run's last error line is kept until the run finishes: checkpoints/&lt;run id&gt;.failed.</summary>
    public static string FailureMarker(string directory, PlannedRun run) =>
        Path.Combine(directory, RunStore.CheckpointsFolder, run.Id + ".failed");

    /// <summary>
    /// Keeps the line a person would have seen, for `sweep status`, until the run finishes. Best effort: a marker that
    /// cannot be written must not hide the error it would have kept.
    /// </summary>
    public static void MarkFailed(string directory, PlannedRun run, string errorLine)
    {
        string marker = FailureMarker(directory, run);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
            AtomicFile.Write(marker, s => s.Write(System.Text.Encoding.UTF8.GetBytes(errorLine + "\n")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The error itself still reaches stderr and the exit code; status then shows the run as pending.
        }
    }

    public static IReadOnlyList<RunState> Of(string directory, SweepPlan plan)
    {
        var store = new RunStore(directory);
        // A silent progress sink: status says nothing while it reads.
        var runner = new SweepRunner(plan, plan.Options(directory), store, new TeeProgress(),
                                     () => throw new InvalidOperationException("status trains nothing"));
        return [.. plan.Runs.Select(run => Of(directory, store, runner, run))];
    }

    private static RunState Of(string directory, RunStore store, SweepRunner runner, PlannedRun run)
    {
        try
        {
            return Read(directory, store, runner, run);
        }
        catch (InvalidDataException e)
        {
            return new RunState(run, State.Failed, e.Message); // an unreadable run record, its own or a tuning run's
        }
    }

    private static RunState Read(string directory, RunStore store, SweepRunner runner, PlannedRun run)
    {
        if (runner.Finished(run))
        {
            return new RunState(run, State.Finished, "");
        }
        if (!runner.Ready(run))
        {
            return new RunState(run, State.Pending, $"waits for {run.Optimizer}'s tuning runs");
        }
        double lr = run.Lr ?? runner.TunedLr(run.Optimizer);
        if (RunLock.LiveHolder(store.LockPath(run.Optimizer, lr, run.Seed)) is RunLock.Holder holder)
        {
            return new RunState(run, State.Running, $"process {holder.Pid} on {holder.Host}");
        }
        string marker = FailureMarker(directory, run);
        return File.Exists(marker)
            ? new RunState(run, State.Failed, File.ReadAllText(marker).Trim())
            : new RunState(run, State.Pending, run.Lr is null ? $"at {run.Optimizer}'s tuned rate, {lr:G3}" : "");
    }

    /// <summary>The summary line and one line per run not finished.</summary>
    public static string Describe(string directory, IReadOnlyList<RunState> states)
    {
        int Count(State s) => states.Count(r => r.State == s);
        var lines = new List<string>
        {
            $"{directory}: {states.Count} runs planned; {Count(State.Finished)} finished, {Count(State.Running)} running, {Count(State.Failed)} failed, {Count(State.Pending)} pending.",
        };
        lines.AddRange(states.Where(s => s.State != State.Finished)
            .Select(s => $"  {s.Run.Index,4}  {s.Run.Id}  {s.State.ToString().ToLowerInvariant()}{(s.Detail.Length > 0 ? ": " + s.Detail : "")}"));
        return string.Join(Environment.NewLine, lines);
    }
}
