using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>
/// One network trained on (input, target) batches with one optimizer: the recipe's loss (with its label smoothing) and
/// gradient clipping in training, the loss without smoothing and the recipe's metric in evaluation.
/// </summary>
public sealed class SupervisedRun : TrainingRun
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly optim.Optimizer optimizer;
    private readonly TaskRecipe recipe;
    private readonly TaskData data;
    private readonly Device device;

    /// <summary>Moves <paramref name="model"/> to <paramref name="device"/>, then builds its optimizer; takes ownership of the model.</summary>
    public SupervisedRun(nn.Module<Tensor, Tensor> model, OptimizerFactory createOptimizer, TaskRecipe recipe, TaskData data, Device device)
    {
        this.model = model.to(device);
        optimizer = createOptimizer(this.model.parameters());
        this.recipe = recipe;
        this.data = data;
        this.device = device;
    }

    public override IReadOnlyList<(string Name, nn.Module Module)> Modules => [("model", model)];

    public override IReadOnlyList<(string Name, optim.Optimizer Optimizer)> Optimizers => [("optimizer", optimizer)];

    public override double TrainEpoch(IEnumerable<(Tensor Input, Tensor Target)> batches, Action<double> batchFinished, CancellationToken cancellation)
    {
        model.train();
        double lossSum = 0;
        long examples = 0;
        foreach (var (input, target) in batches)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = recipe.Loss.Compute(model.call(input.to(device)), target.to(device), recipe.Defaults.LabelSmoothing);
            loss.backward();
            ClipGradients(model, recipe.Defaults.GradientClipNorm);
            optimizer.step();
            double value = loss.item<float>();
            lossSum += value * input.shape[0];
            examples += input.shape[0];
            batchFinished(value);
        }
        return lossSum / examples;
    }

    public override (double Loss, double Metric) Evaluate(DataSplit split, CancellationToken cancellation)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        MetricAccumulator metric = recipe.Metric.Start();
        double lossSum = 0, count = 0;
        foreach (var (input, target) in data.Batches(split, 1000))
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            Tensor output = model.call(input.to(device));
            Tensor onDevice = target.to(device);
            lossSum += recipe.Loss.Compute(output, onDevice, labelSmoothing: 0, nn.Reduction.Sum).item<float>();
            count += target.shape[0];
            metric.Add(output, onDevice);
        }
        return (lossSum / count, metric.Value);
    }
}
