using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>
/// Trains a plan with worker processes on this machine (`sweep local`, `compare --jobs`): each worker is `sweep run`
/// on one run, with its share of the cores, and its progress shows on this process's display. A run at a tuned rate
/// starts once its optimizer's tuning runs have finished. When a run fails, no new one starts, the others finish, and
/// the failure is reported; on Ctrl+C or SIGTERM every worker is asked to stop (each keeps its last epoch checkpoint).
/// </summary>
/// <param name="workerDisplay">Makes the sink a worker's progress goes to, one per worker, all on the same display as <paramref name="progress"/>.</param>
public sealed partial class LocalSweep(string directory, SweepPlan plan, LocalSweep.Workers workers, IProgressSink progress, Func<IProgressSink> workerDisplay)
{
    /// <summary>How many workers, the threads each gets, and how to start this CLI (<see cref="SelfInvocation"/>).</summary>
    public sealed record Workers(int Count, int ThreadsEach, IReadOnlyList<string> Cli);

    private readonly object display = new();

    /// <exception cref="InvalidOperationException">A run failed; the message names it and its last error line.</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the workers have stopped.</exception>
    public void Run(CancellationToken cancellation)
    {
        var store = new RunStore(directory);
        var runner = new SweepRunner(plan, plan.Options(directory), store, progress, () => throw new UnreachableException());
        var pending = plan.Runs.Where(r => !(r.Lr is not null && runner.Finished(r))).ToList();
        var running = new Dictionary<Task<Outcome>, (PlannedRun Run, Process Worker)>();
        var failures = new List<string>();
        progress.Message($"{pending.Count} of {plan.Runs.Count} runs to train with {workers.Count} worker processes of {workers.ThreadsEach} thread(s) each");
        using var stop = cancellation.Register(() =>
        {
            lock (running)
            {
                StopAll(running.Values.Select(v => v.Worker));
            }
        });
        while (pending.Count > 0 || running.Count > 0)
        {
            while (failures.Count == 0 && !cancellation.IsCancellationRequested && running.Count < workers.Count &&
                   pending.FirstOrDefault(runner.Ready) is PlannedRun next)
            {
                pending.Remove(next);
                Process worker = Start(next);
                lock (running)
                {
                    running[Watch(worker)] = (next, worker);
                }
            }
            if (running.Count == 0)
            {
                break; // nothing can start: a failure, a cancellation, or runs waiting on tuning runs that failed
            }
            var done = Task.WhenAny(running.Keys).GetAwaiter().GetResult();
            var (run, process) = running[done];
            lock (running)
            {
                running.Remove(done);
            }
            Outcome outcome = done.GetAwaiter().GetResult();
            process.Dispose();
            if (outcome.ExitCode != 0 && !cancellation.IsCancellationRequested)
            {
                failures.Add(Failure(run, outcome.ExitCode, outcome.LastError));
            }
        }
        cancellation.ThrowIfCancellationRequested();
        if (failures.Count > 0)
        {
            throw new InvalidOperationException($"{string.Join("; ", failures)}. The other runs finished or stopped; run the same command again " +
                $"to retry (`adamomentum sweep status {directory}` lists every run).");
        }
    }

    private sealed record Outcome(int ExitCode, string? LastError);

    /// <summary>
    /// How the command names a failed worker's run. A worker killed by a signal says nothing; the shell's 128 + signal
    /// is all there is, so it is spelled out, most often SIGKILL from kill -9 or the kernel out of memory.
    /// </summary>
    public static string Failure(PlannedRun run, int exitCode, string? lastError)
    {
        // Without its full stop: the command's message goes on after it.
        string why = lastError?.TrimEnd('.') ?? ((exitCode - 128) switch
        {
            9 => "killed by signal 9 (SIGKILL: kill -9, or the kernel out of memory)",
            > 0 and < 65 and int signal => $"killed by signal {signal}",
            _ => "no message",
        });
        return $"run {run.Index} ({run.Label}) failed, exit code {exitCode}: {why}";
    }

    private Process Start(PlannedRun run)
    {
        var start = new ProcessStartInfo(workers.Cli[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in workers.Cli.Skip(1).Concat(["sweep", "run", directory, "--index", run.Index.ToString(CultureInfo.InvariantCulture),
                     "--threads", workers.ThreadsEach.ToString(CultureInfo.InvariantCulture), "--progress-events"]))
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start a worker: {workers.Cli[0]}");
    }

    /// <summary>Relays the worker's output to a display of its own and completes with its exit code and last error line.</summary>
    private async Task<Outcome> Watch(Process worker)
    {
        IProgressSink sink;
        lock (display)
        {
            sink = workerDisplay();
        }
        string? lastError = null;
        var errors = Task.Run(async () =>
        {
            while (await worker.StandardError.ReadLineAsync() is string line)
            {
                if (line.Length > 0)
                {
                    lastError = line.StartsWith("error: ", StringComparison.Ordinal) ? line["error: ".Length..] : line;
                    lock (display)
                    {
                        sink.Message(line);
                    }
                }
            }
        });
        while (await worker.StandardOutput.ReadLineAsync() is string line)
        {
            lock (display)
            {
                ProgressEvents.Replay(line, sink);
            }
        }
        await errors;
        await worker.WaitForExitAsync();
        return new Outcome(worker.ExitCode, lastError);
    }

    /// <summary>SIGTERM to each worker, which stops at its next batch as on Ctrl+C.</summary>
    private static void StopAll(IEnumerable<Process> running)
    {
        foreach (Process worker in running.ToList())
        {
            try
            {
                if (!worker.HasExited)
                {
                    _ = Kill(worker.Id, Terminate);
                }
            }
            catch (InvalidOperationException)
            {
                // exited meanwhile
            }
        }
    }

    private const int Terminate = 15; // SIGTERM

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
