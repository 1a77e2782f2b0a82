using AdaMomentumSharp.Cli.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Evaluation;

/// <summary>CIFAR images between their per-channel normalization (<see cref="ChannelStatistics"/>) and a DCGAN's [−1, 1].</summary>
public sealed class CifarGanPixels(ChannelStatistics statistics) : IGanPixels
{
    public int Channels => statistics.Channels;

    /// <summary>Normalized [N, C, 32, 32] to [−1, 1]: back to [0, 1] per channel, then doubled and shifted.</summary>
    public Tensor ToGenerator(Tensor normalized)
    {
        using var scope = torch.NewDisposeScope();
        return normalized.mul(Std()).add_(Mean()).mul_(2).sub_(1).MoveToOuterDisposeScope();
    }

    /// <summary>[−1, 1] to [0, 1], then normalized per channel.</summary>
    public Tensor ToClassifier(Tensor generated)
    {
        using var scope = torch.NewDisposeScope();
        return generated.add(1).div_(2).sub_(Mean()).div_(Std()).MoveToOuterDisposeScope();
    }

    private Tensor Mean() => torch.tensor(statistics.Mean).view(1, Channels, 1, 1);

    private Tensor Std() => torch.tensor(statistics.Std).view(1, Channels, 1, 1);
}
