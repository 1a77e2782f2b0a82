using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>
/// Trains runs of a plan in this process, each at most once per folder: a run another command finished is read back,
/// one another process is training is refused by its lock, an interrupted one resumes from its last epoch checkpoint.
/// Every executor trains through here (`compare`, `sweep run`, and so the local workers and Slurm's array tasks).
/// </summary>
/// <param name="trainer">Made on the first run that must train, so that a finished run costs no data loading.</param>
public sealed class SweepRunner(SweepPlan plan, ComparisonOptions options, RunStore store, IProgressSink progress, Func<Trainer> trainer)
{
    private readonly Dictionary<string, double> chosen = [];
    private Trainer? loaded;

    /// <summary>The run's record: read back when the folder has it, else trained now and stored.</summary>
    /// <exception cref="InvalidOperationException">A run at a tuned rate whose optimizer's tuning runs have not all finished.</exception>
    public RunRecord Obtain(PlannedRun planned, CancellationToken cancellation)
    {
        OptimizerSpec spec = options.Optimizers.Single(o => o.Name == planned.Optimizer);
        double lr = planned.Lr ?? TunedLr(planned.Optimizer, planned);
        int seed = planned.Seed;
        var checkpoint = new RunCheckpoint(store.CheckpointDirectory(spec.Name, lr, seed), progress);
        using RunLock held = store.Lock(spec.Name, lr, seed);
        if (store.Find(spec.Name, lr, seed) is RunRecord done)
        {
            progress.Message($"{spec.Name} lr {lr:G3} seed {seed}: already in {options.OutputDirectory}, skipped");
            // A process killed between writing the record and deleting the checkpoint leaves one behind.
            checkpoint.Delete();
            return done;
        }
        loaded ??= trainer();
        RunRecord run = loaded.Run(spec, lr, seed, cancellation, checkpoint, options.OutputDirectory);
        store.Save(run);
        checkpoint.Delete();
        return run;
    }

    /// <summary>Whether the run can start now: its rate is known, or its optimizer's tuning runs have all finished.</summary>
    public bool Ready(PlannedRun planned) => planned.Lr is not null || Unfinished(plan.TuningRuns(planned.Optimizer)).Count == 0;

    /// <summary>Whether the folder holds the run's record (a run at a tuned rate whose rate is not known yet has none).</summary>
    public bool Finished(PlannedRun planned) =>
        Ready(planned) && store.Find(planned.Optimizer, planned.Lr ?? Choice(planned.Optimizer).Lr, planned.Seed) is not null;

    /// <summary>The rate the optimizer's tuning runs choose (best validation metric), said once per process.</summary>
    /// <param name="waiting">The run that needs it, for the message when it is not known yet.</param>
    /// <exception cref="InvalidOperationException">Some of the optimizer's tuning runs have not finished.</exception>
    public double TunedLr(string optimizer, PlannedRun? waiting = null)
    {
        if (chosen.TryGetValue(optimizer, out double lr))
        {
            return lr;
        }
        var tuning = plan.TuningRuns(optimizer);
        if (Unfinished(tuning) is { Count: > 0 } unfinished)
        {
            string who = waiting is null ? $"{optimizer}'s tuned rate" : $"Run {waiting.Index} ({waiting.Label})";
            throw new InvalidOperationException(
                $"{who} of {options.OutputDirectory} needs {optimizer}'s tuning runs first: " +
                $"{tuning.Count - unfinished.Count} of {tuning.Count} have finished (not yet: {string.Join(", ", unfinished.Select(r => $"{r.Index} {r.Id}"))}).");
        }
        var best = Choice(optimizer);
        progress.Message($"{optimizer}: chose lr {best.Lr:G3} (best validation {options.Task.Recipe.Metric.Name} {best.Score:G4})");
        return chosen[optimizer] = best.Lr;
    }

    /// <summary>The best of the optimizer's tuning runs, all finished.</summary>
    private (double Lr, double Score) Choice(string optimizer)
    {
        EvaluationMetric metric = options.Task.Recipe.Metric;
        var tried = plan.TuningRuns(optimizer)
            .Select(r => (Lr: r.Lr!.Value, Score: TuningResult.BestValidation(store.Find(r.Optimizer, r.Lr!.Value, r.Seed)!, metric))).ToList();
        return metric.Best(tried, t => t.Score);
    }

    private List<PlannedRun> Unfinished(IEnumerable<PlannedRun> runs) => [.. runs.Where(r => store.Find(r.Optimizer, r.Lr!.Value, r.Seed) is null)];
}
