using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>What a task minimizes: a loss of the model's output against the batch's targets.</summary>
public interface ILossFunction
{
    /// <summary>The loss of <paramref name="output"/> against <paramref name="target"/>, reduced as asked.</summary>
    Tensor Compute(Tensor output, Tensor target, double labelSmoothing, nn.Reduction reduction = nn.Reduction.Mean);
}
