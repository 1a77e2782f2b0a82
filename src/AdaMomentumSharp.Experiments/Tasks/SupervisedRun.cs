using AdaMomentumSharp.Experiments.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// One network trained on (input, target) batches with one optimizer: the recipe's loss (with its label smoothing, and
/// its activation penalties where the model has them), gradient clipping and window-scaled rates in training, the loss
/// without smoothing or penalties and the recipe's metric in evaluation. The training loss reported is the recipe's
/// loss without the penalties, as AWD-LSTM reports it.
/// </summary>
internal sealed class SupervisedRun : TrainingRun
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

    /// <summary>The model's parameters by name, in the order its optimizer holds them.</summary>
    public IReadOnlyList<(string Name, TorchSharp.Modules.Parameter Parameter)> NamedParameters => [.. model.named_parameters()];

    /// <summary>Told of every step when set (<c>compare --diagnostics</c>).</summary>
    public UpdateDiagnostics? Diagnostics { get; set; }

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
            Objective(loss).backward();
            ClipGradients(model, recipe.Defaults.GradientClipNorm);
            StepScaledBy(recipe.Defaults.LrScaledByWindow ? input.shape[0] / (double)BpttBatches.SequenceLength : 1);
            double value = loss.item<float>();
            lossSum += value * input.shape[0];
            examples += input.shape[0];
            batchFinished(value);
        }
        return lossSum / examples;
    }

    /// <summary>The loss plus AR and TAR when the recipe has them and the model can give them.</summary>
    private Tensor Objective(Tensor loss)
    {
        TrainingDefaults defaults = recipe.Defaults;
        if (model is not IActivationPenalized penalized || (defaults.ActivationRegularization == 0 && defaults.TemporalActivationRegularization == 0))
        {
            return loss;
        }
        return loss.add(penalized.ActivationPenalty(defaults.ActivationRegularization, defaults.TemporalActivationRegularization), KeptScalars.One);
    }

    /// <summary>
    /// One step with every group's rate times <paramref name="scale"/>, restored afterwards: AWD-LSTM scales the rate by
    /// each window's length over 70, so that a short window's gradient, averaged over fewer tokens, moves the weights less.
    /// (AWD-LSTM scales by the drawn length; the window read is shorter only at the end of an epoch.)
    /// </summary>
    private void StepScaledBy(double scale)
    {
        if (scale == 1 && Diagnostics is null)
        {
            // The common case, every step of every task without windows: no group list to build.
            optimizer.step();
            return;
        }
        var groups = optimizer.ParamGroups.ToList();
        var rates = groups.Select(g => g.LearningRate).ToList();
        Diagnostics?.BeforeStep();
        try
        {
            for (int i = 0; i < groups.Count; i++)
            {
                groups[i].LearningRate = rates[i] * scale;
            }
            optimizer.step();
            Diagnostics?.AfterStep(rates[0] * scale);
        }
        finally
        {
            for (int i = 0; i < groups.Count; i++)
            {
                groups[i].LearningRate = rates[i];
            }
        }
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
