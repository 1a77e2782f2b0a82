using AdaMomentumSharp.Experiments.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Evaluation;

/// <summary>
/// Fashion-MNIST between the classifier's form (28×28, normalized like <see cref="FashionMnist"/>) and a 32×32 DCGAN's
/// form (black = −1): padding 2 black pixels on each side, as LeNet-5 padded MNIST, lets one 32×32 DCGAN serve CIFAR-10
/// and Fashion-MNIST.
/// </summary>
internal sealed class FashionGanPixels : IGanPixels
{
    public const int Border = (32 - 28) / 2;

    public static FashionGanPixels Instance { get; } = new();

    private FashionGanPixels()
    {
    }

    public int Channels => 1;

    /// <summary>Normalized [N, 1, 28, 28] to [N, 1, 32, 32] in [−1, 1], padded with black.</summary>
    public Tensor ToGenerator(Tensor normalized)
    {
        using var scope = torch.NewDisposeScope();
        using Scalar mean = FashionMnist.PixelMean.ToScalar(), std = FashionMnist.PixelStd.ToScalar();
        Tensor tanhRange = normalized.mul(std).add_(mean, KeptScalars.One).mul_(KeptScalars.Two).sub_(KeptScalars.One);
        return nn.functional.pad(tanhRange, [Border, Border, Border, Border], value: -1).MoveToOuterDisposeScope();
    }

    /// <summary>Generated [N, 1, 32, 32] in [−1, 1] to normalized [N, 1, 28, 28], dropping the 2-pixel border.</summary>
    public Tensor ToClassifier(Tensor generated)
    {
        using var scope = torch.NewDisposeScope();
        Tensor centre = generated[.., .., Border..^Border, Border..^Border];
        using Scalar mean = FashionMnist.PixelMean.ToScalar(), std = FashionMnist.PixelStd.ToScalar();
        return centre.add(KeptScalars.One, KeptScalars.One).div_(KeptScalars.Two).sub_(mean).div_(std).MoveToOuterDisposeScope();
    }
}
