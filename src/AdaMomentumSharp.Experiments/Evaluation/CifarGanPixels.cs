using AdaMomentumSharp.Experiments.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Evaluation;

/// <summary>CIFAR images between their per-channel normalization (<see cref="ChannelStatistics"/>) and a DCGAN's [−1, 1].</summary>
internal sealed class CifarGanPixels(ChannelStatistics statistics) : IGanPixels
{
    public int Channels => statistics.Channels;

    /// <summary>Normalized [N, C, 32, 32] to [−1, 1]: back to [0, 1] per channel, then doubled and shifted.</summary>
    public Tensor ToGenerator(Tensor normalized)
    {
        using var scope = torch.NewDisposeScope();
        return normalized.mul(Std(normalized.device)).add_(Mean(normalized.device), KeptScalars.One).mul_(KeptScalars.Two).sub_(KeptScalars.One).MoveToOuterDisposeScope();
    }

    /// <summary>[−1, 1] to [0, 1], then normalized per channel.</summary>
    public Tensor ToClassifier(Tensor generated)
    {
        using var scope = torch.NewDisposeScope();
        return generated.add(KeptScalars.One, KeptScalars.One).div_(KeptScalars.Two).sub_(Mean(generated.device)).div_(Std(generated.device)).MoveToOuterDisposeScope();
    }

    // On the images' device: a CPU constant cannot meet CUDA images.
    private Tensor Mean(Device device) => torch.tensor(statistics.Mean, device: device).view(1, Channels, 1, 1);

    private Tensor Std(Device device) => torch.tensor(statistics.Std, device: device).view(1, Channels, 1, 1);
}
