using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>One pass of a metric over a split: every batch is added, then the split's value is read.</summary>
public abstract class MetricAccumulator
{
    /// <summary>Adds one batch's model output and targets (under no_grad, inside the caller's dispose scope).</summary>
    public abstract void Add(Tensor output, Tensor target);

    /// <summary>The metric over every batch added so far.</summary>
    public abstract double Value { get; }
}
