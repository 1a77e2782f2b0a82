using System.Diagnostics;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// Trains one task with one optimizer, learning rate and seed, evaluating on validation and test after every epoch;
/// what a step does is the task's <see cref="TrainingRun"/>, and every optimizer of the run follows the schedule.
/// </summary>
/// <param name="diagnosticsDirectory">Where to write each epoch's <see cref="TensorDiagnostic"/>s of supervised runs; null for none.</param>
public sealed class Trainer(ExperimentTask task, TaskData data, ExperimentSettings settings, IProgressSink progress, string? diagnosticsDirectory = null)
{
    public const string DiagnosticsFolder = "diagnostics";

    /// <summary>
    /// Runs every epoch; the same seed and settings give the same numbers. With a <paramref name="checkpoint"/>, the run
    /// resumes after its last good checkpoint and checkpoints every epoch it finishes, and an interrupted run then
    /// finishes with the numbers an uninterrupted one has. With an <paramref name="artifactDirectory"/>, the finished
    /// run writes what it leaves besides numbers there (a GAN's samples).
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled between two batches (training or evaluation); nothing is recorded.</exception>
    public RunRecord Run(OptimizerSpec spec, double lr, int seed, CancellationToken cancellation, RunCheckpoint? checkpoint = null,
                         string? artifactDirectory = null)
    {
        torch.manual_seed(seed);
        var (eps, weightDecay) = Protocol.Settings(task.Recipe, settings, spec);
        var optimizerSettings = new OptimizerSettings(lr, weightDecay, eps ?? 0, torch.get_num_threads(),
                                                      task.Recipe.Defaults.Beta1, task.Recipe.Defaults.Beta2);
        using TrainingRun run = task.CreateRun(data, settings.TaskSettings, parameters => spec.Create(parameters, optimizerSettings));
        if (diagnosticsDirectory is not null && run is SupervisedRun supervised)
        {
            supervised.Diagnostics = new UpdateDiagnostics(supervised.NamedParameters, eps ?? 0, task.Recipe.Defaults.Beta2);
        }
        var schedulers = run.Optimizers.Select(o => LrSchedule.Create(settings.Schedule, o.Optimizer, settings.Epochs)).ToList();

        string label = $"{spec.Name} lr {lr:G3} seed {seed}";
        var epochs = new List<EpochMetrics>();
        if (checkpoint?.LatestGood(run) is CheckpointEntry resumed)
        {
            // The schedulers step first: the optimizers' checkpoints hold the learning rates these steps reach, and
            // optimizers that check their options on load expect them.
            for (int epoch = 0; epoch < resumed.Epoch; epoch++)
            {
                schedulers.ForEach(s => s?.step());
            }
            epochs.AddRange(checkpoint.Restore(resumed, run));
            progress.Message($"{label}: resuming after epoch {resumed.Epoch} from its checkpoint");
        }
        progress.RunStarted(label, settings.Epochs, data.BatchCount(DataSplit.Train, settings.BatchSize));
        for (int epoch = epochs.Count + 1; epoch <= settings.Epochs; epoch++)
        {
            epochs.Add(RunEpoch(run, spec, seed, epoch, cancellation));
            if (run is SupervisedRun { Diagnostics: UpdateDiagnostics diagnostics })
            {
                CsvFile.Write(DiagnosticsPath(diagnosticsDirectory!, RunStore.RunKey(spec.Name, lr, seed), epoch),
                              diagnostics.FinishEpoch(epoch, run.Optimizers[0].Optimizer));
            }
            progress.EpochFinished(epochs[^1], task.Recipe.Metric.Name);
            schedulers.ForEach(s => s?.step());
            checkpoint?.Save(run, epochs);
        }
        if (artifactDirectory is not null)
        {
            run.WriteArtifacts(artifactDirectory, RunStore.RunKey(spec.Name, lr, seed));
        }
        progress.RunFinished();
        return new RunRecord(spec.Name, lr, seed, epochs, eps, weightDecay);
    }

    /// <summary>diagnostics/&lt;run&gt;/epoch-N.csv, its folder created: one file per epoch, so a resumed run rewrites only the epochs it trains again.</summary>
    public static string DiagnosticsPath(string directory, string runKey, int epoch)
    {
        string folder = Path.Combine(directory, DiagnosticsFolder, runKey);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"epoch-{epoch}.csv");
    }

    private EpochMetrics RunEpoch(TrainingRun run, OptimizerSpec spec, int seed, int epoch, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        double epochLr = run.Optimizers[0].Optimizer.ParamGroups.First().LearningRate;
        var batches = data.Batches(DataSplit.Train, settings.BatchSize, EpochShuffle.For(seed, epoch));
        double trainLoss = run.TrainEpoch(batches, loss => progress.BatchFinished(epoch, loss), cancellation);
        var (valLoss, valMetric) = run.Evaluate(DataSplit.Validation, cancellation);
        var (testLoss, testMetric) = run.Evaluate(DataSplit.Test, cancellation);
        return new EpochMetrics(task.Name, spec.Name, seed, epoch, epochLr, trainLoss, valLoss, valMetric, testLoss, testMetric,
                                clock.Elapsed.TotalSeconds);
    }
}
