using AdaMomentumSharp.Cli.Optimizers;
using AdaMomentumSharp.Cli.Reporting;
using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// Runs a comparison: optionally tunes each optimizer's learning rate on the validation split (first seed), then
/// trains every optimizer with every seed at its chosen rate, skipping runs the folder already holds, and writes
/// metrics.csv after each run and the report at the end, both covering every finished run in the folder.
/// </summary>
public sealed class ComparisonRunner(ComparisonOptions options, IProgressSink progress)
{
    public const string MetricsFileName = "metrics.csv";

    public void Run(CancellationToken cancellation)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        ExperimentSettings settings = options.Settings;
        var store = new RunStore(options.OutputDirectory);
        store.Claim(settings);
        progress.Message($"Loading {options.Task.Name} data from {options.DataDirectory}{options.Task.LoadingNote}");
        using TaskData data = options.Task.LoadData(options.TaskSettings, cancellation);
        progress.Message($"{data.Count(DataSplit.Train)} training, {data.Count(DataSplit.Validation)} validation, {data.Count(DataSplit.Test)} test examples");
        var trainer = new Trainer(options.Task, data, settings, progress, options.Diagnostics ? options.OutputDirectory : null);

        Dictionary<string, double> chosen = ChooseLearningRates(store, trainer, cancellation);

        foreach (OptimizerSpec spec in options.Optimizers)
        {
            foreach (int seed in options.Seeds)
            {
                Obtain(store, trainer, spec, chosen[spec.Name], seed, cancellation);
                // Every finished run in the folder, not only this command's: earlier commands' optimizers stay.
                ComparisonResults.Load(options.OutputDirectory).WriteMetrics(options.OutputDirectory);
            }
        }
        foreach (string unreadable in ReportBuilder.Write(options.OutputDirectory, options.Task).Unreadable)
        {
            progress.Message($"Left out of the report: {unreadable}");
        }
        progress.Message($"Report: {Path.Combine(options.OutputDirectory, ReportBuilder.ReportFileName)}");
    }

    private Dictionary<string, double> ChooseLearningRates(RunStore store, Trainer trainer, CancellationToken cancellation)
    {
        if (options.LrGridFactors.Count == 0)
        {
            return options.Optimizers.ToDictionary(s => s.Name, options.BaseLr);
        }
        // tuning.csv is the report's: it lists every rate of every command run into this folder.
        var chosen = new Dictionary<string, double>();
        foreach (OptimizerSpec spec in options.Optimizers)
        {
            var tried = options.LrGridFactors
                .Select(factor => options.BaseLr(spec) * factor)
                .Select(lr => (Lr: lr, Score: TuningResult.BestValidation(Obtain(store, trainer, spec, lr, options.Seeds[0], cancellation), Metric)))
                .ToList();
            var best = Metric.Best(tried, t => t.Score);
            chosen[spec.Name] = best.Lr;
            progress.Message($"{spec.Name}: chose lr {best.Lr:G3} (best validation {Metric.Name} {best.Score:G4})");
        }
        return chosen;
    }

    private EvaluationMetric Metric => options.Task.Recipe.Metric;

    private RunRecord Obtain(RunStore store, Trainer trainer, OptimizerSpec spec, double lr, int seed, CancellationToken cancellation)
    {
        var checkpoint = new RunCheckpoint(store.CheckpointDirectory(spec.Name, lr, seed), progress);
        using RunLock held = store.Lock(spec.Name, lr, seed);
        if (store.Find(spec.Name, lr, seed) is RunRecord done)
        {
            progress.Message($"{spec.Name} lr {lr:G3} seed {seed}: already in {options.OutputDirectory}, skipped");
            // A process killed between writing the record and deleting the checkpoint leaves one behind.
            checkpoint.Delete();
            return done;
        }
        RunRecord run = trainer.Run(spec, lr, seed, cancellation, checkpoint, options.OutputDirectory);
        store.Save(run);
        checkpoint.Delete();
        return run;
    }
}
