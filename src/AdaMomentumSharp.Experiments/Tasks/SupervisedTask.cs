using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>A task that trains one network on (input, target) batches with its recipe's loss and metric (<see cref="SupervisedRun"/>).</summary>
internal abstract class SupervisedTask : ExperimentTask
{
    /// <summary>A freshly initialized model (seed torch first) mapping a batch's input to what the recipe's loss and metric read.</summary>
    public abstract nn.Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings);

    public sealed override TrainingRun CreateRun(TaskData data, TaskSettings settings, OptimizerFactory createOptimizer) =>
        new SupervisedRun(CreateModel(data, settings), createOptimizer, Recipe, data, torch.device(settings.Device));
}
