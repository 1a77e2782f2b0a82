using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>Cross-entropy of logits [N, classes] against class indices [N], with PyTorch's label smoothing.</summary>
internal sealed class CrossEntropyLoss : ILossFunction
{
    public static CrossEntropyLoss Instance { get; } = new();

    private CrossEntropyLoss()
    {
    }

    public Tensor Compute(Tensor output, Tensor target, double labelSmoothing, nn.Reduction reduction = nn.Reduction.Mean) =>
        nn.functional.cross_entropy(output, target, reduction: reduction, label_smoothing: labelSmoothing);
}
