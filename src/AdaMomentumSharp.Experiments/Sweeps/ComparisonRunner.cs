using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>
/// Runs a comparison: writes its <see cref="SweepPlan"/> (optionally tuning each optimizer's learning rate on the
/// validation split, first seed, then every seed at its chosen rate), trains the runs the folder does not hold yet,
/// here or with <paramref name="workers"/>, and writes metrics.csv after each run at a chosen rate and the report at the
/// end, both covering every finished run in the folder.
/// </summary>
/// <param name="workers">Worker processes to train the plan with; null trains it in this process, one run after another.</param>
/// <param name="workerDisplay">With <paramref name="workers"/>: makes one more sink on <paramref name="progress"/>'s display per worker.</param>
public sealed class ComparisonRunner(ComparisonOptions options, IProgressSink progress, LocalSweep.Workers? workers = null, Func<IProgressSink>? workerDisplay = null)
{
    public void Run(CancellationToken cancellation)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var store = new RunStore(options.OutputDirectory);
        store.Claim(options.Settings);
        SweepPlan plan = SweepPlan.For(options);
        plan.Claim(options.OutputDirectory);
        if (workers is not null)
        {
            new LocalSweep(options.OutputDirectory, plan, workers, progress, workerDisplay ?? (() => progress)).Run(cancellation);
        }
        else
        {
            TrainInThisProcess(plan, store, cancellation);
        }
        WriteReport(options, progress);
    }

    /// <summary>The report of every finished run in the folder, and what was left out of it.</summary>
    public static void WriteReport(ComparisonOptions options, IProgressSink progress)
    {
        foreach (string unreadable in ReportBuilder.Write(options.OutputDirectory, options.Task).Unreadable)
        {
            progress.Message($"Left out of the report: {unreadable}");
        }
        progress.Message($"Report: {Path.Combine(options.OutputDirectory, ReportBuilder.ReportFileName)}");
    }

    private void TrainInThisProcess(SweepPlan plan, RunStore store, CancellationToken cancellation)
    {
        progress.Message($"Loading {options.Task.Name} data from {options.DataDirectory}{options.Task.LoadingNote}");
        using TaskData data = options.Task.LoadData(options.TaskSettings, cancellation);
        progress.Message($"{data.Count(DataSplit.Train)} training, {data.Count(DataSplit.Validation)} validation, {data.Count(DataSplit.Test)} test examples");
        var trainer = new Trainer(options.Task, data, options.Settings, progress, options.Diagnostics ? options.OutputDirectory : null);
        var runner = new SweepRunner(plan, options, store, progress, () => trainer);
        foreach (PlannedRun run in plan.Runs)
        {
            runner.Obtain(run, cancellation);
            if (run.Tunes)
            {
                if (plan.TuningRuns(run.Optimizer)[^1] == run)
                {
                    runner.TunedLr(run.Optimizer);
                }
            }
            else
            {
                // Every finished run in the folder, not only this command's: earlier commands' optimizers stay.
                ComparisonResults.Load(options.OutputDirectory).WriteMetrics(options.OutputDirectory);
            }
        }
    }
}
