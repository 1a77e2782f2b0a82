using System.Diagnostics;
using AdaMomentumSharp.Cli.Optimizers;
using AdaMomentumSharp.Cli.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// Trains one model with one optimizer and seed, evaluating on validation and test after every epoch; the loss,
/// clipping and metric are the task's recipe's.
/// </summary>
public sealed class Trainer(ExperimentTask task, TaskData data, ExperimentSettings settings, IProgressSink progress)
{
    private TaskRecipe Recipe => task.Recipe;

    /// <summary>
    /// Runs every epoch; the same seed and settings give the same numbers. With a <paramref name="checkpoint"/>, the run
    /// resumes after its last good checkpoint and checkpoints every epoch it finishes, and an interrupted run then
    /// finishes with the numbers an uninterrupted one has.
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled between two batches (training or evaluation); nothing is recorded.</exception>
    public RunRecord Run(OptimizerSpec spec, double lr, int seed, CancellationToken cancellation, RunCheckpoint? checkpoint = null)
    {
        torch.manual_seed(seed);
        var taskSettings = new TaskSettings(settings.DataDirectory, settings.TrainLimit, settings.Layers);
        using nn.Module<Tensor, Tensor> model = task.CreateModel(data, taskSettings);
        using torch.optim.Optimizer optimizer = spec.Create(model.parameters(),
            new OptimizerSettings(lr, settings.WeightDecay, settings.Eps, torch.get_num_threads()));
        var scheduler = LrSchedule.Create(settings.Schedule, optimizer, settings.Epochs);

        string label = $"{spec.Name} lr {lr:G3} seed {seed}";
        var epochs = new List<EpochMetrics>();
        if (checkpoint?.LatestGood() is CheckpointEntry resumed)
        {
            // The scheduler steps first: the optimizer's checkpoint holds the learning rate these steps reach, and
            // optimizers that check their options on load expect it.
            for (int epoch = 0; epoch < resumed.Epoch; epoch++)
            {
                scheduler?.step();
            }
            epochs.AddRange(checkpoint.Restore(resumed, model, optimizer));
            progress.Message($"{label}: resuming after epoch {resumed.Epoch} from its checkpoint");
        }
        progress.RunStarted(label, settings.Epochs, data.BatchCount(DataSplit.Train, settings.BatchSize));
        for (int epoch = epochs.Count + 1; epoch <= settings.Epochs; epoch++)
        {
            epochs.Add(RunEpoch(model, optimizer, spec, seed, epoch, cancellation));
            progress.EpochFinished(epochs[^1], Recipe.Metric.Name);
            scheduler?.step();
            checkpoint?.Save(model, optimizer, epochs);
        }
        progress.RunFinished();
        return new RunRecord(spec.Name, lr, seed, epochs);
    }

    private EpochMetrics RunEpoch(nn.Module<Tensor, Tensor> model, torch.optim.Optimizer optimizer, OptimizerSpec spec, int seed, int epoch,
                                  CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        double epochLr = optimizer.ParamGroups.First().LearningRate;
        double trainLoss = TrainEpoch(model, optimizer, EpochShuffle.For(seed, epoch), epoch, cancellation);
        var (valLoss, valMetric) = Evaluate(model, DataSplit.Validation, cancellation);
        var (testLoss, testMetric) = Evaluate(model, DataSplit.Test, cancellation);
        return new EpochMetrics(task.Name, spec.Name, seed, epoch, epochLr, trainLoss, valLoss, valMetric, testLoss, testMetric,
                                clock.Elapsed.TotalSeconds);
    }

    private double TrainEpoch(nn.Module<Tensor, Tensor> model, torch.optim.Optimizer optimizer, Random shuffle, int epoch, CancellationToken cancellation)
    {
        model.train();
        double lossSum = 0;
        long examples = 0;
        foreach (var (input, target) in data.Batches(DataSplit.Train, settings.BatchSize, shuffle))
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = Recipe.Loss.Compute(model.call(input), target, Recipe.Defaults.LabelSmoothing);
            loss.backward();
            if (Recipe.Defaults.GradientClipNorm > 0)
            {
                nn.utils.clip_grad_norm_(model.parameters(), Recipe.Defaults.GradientClipNorm);
            }
            optimizer.step();
            double value = loss.item<float>();
            lossSum += value * input.shape[0];
            examples += input.shape[0];
            progress.BatchFinished(epoch, value);
        }
        return lossSum / examples;
    }

    /// <summary>The mean loss per target (no label smoothing) and the recipe's metric over a split.</summary>
    public (double Loss, double Metric) Evaluate(nn.Module<Tensor, Tensor> model, DataSplit split, CancellationToken cancellation)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        MetricAccumulator metric = Recipe.Metric.Start();
        double lossSum = 0, count = 0;
        foreach (var (input, target) in data.Batches(split, 1000))
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            Tensor output = model.call(input);
            lossSum += Recipe.Loss.Compute(output, target, labelSmoothing: 0, nn.Reduction.Sum).item<float>();
            count += target.shape[0];
            metric.Add(output, target);
        }
        return (lossSum / count, metric.Value);
    }
}
