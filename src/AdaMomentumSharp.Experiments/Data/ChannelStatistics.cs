using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// Per-channel mean and standard deviation of a data set's pixels scaled to [0, 1]: normalizing subtracts the mean
/// and divides by the deviation, channel by channel, as torchvision's <c>Normalize(mean, std)</c> does.
/// </summary>
internal sealed record ChannelStatistics(float[] Mean, float[] Std)
{
    /// <summary>
    /// CIFAR-10's 50,000 training images (population statistics). The authors' <c>CNN_CIFAR/data/cifar.py</c> computes
    /// them over training and test images together; the two differ by less than 0.001 in every channel.
    /// </summary>
    public static ChannelStatistics Cifar10 { get; } = new([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]);

    /// <summary>
    /// CIFAR-100's 50,000 training images. The authors normalize CIFAR-100 with CIFAR-10's statistics (their
    /// <c>Cifar100._get_statistics</c> loads CIFAR-10); we use CIFAR-100's own.
    /// </summary>
    public static ChannelStatistics Cifar100 { get; } = new([0.5071f, 0.4865f, 0.4409f], [0.2673f, 0.2564f, 0.2762f]);

    public int Channels => Mean.Length;

    /// <summary>What a black pixel (byte 0) becomes once normalized, per channel: the fill for zero padding before normalization.</summary>
    public float[] BlackLevel => Mean.Zip(Std, (mean, std) => -mean / std).ToArray();

    /// <summary>Bytes [N, C, H, W] to normalized float32 of the same shape, as (byte / 255 − mean) / std per channel.</summary>
    public Tensor Normalize(Tensor bytes)
    {
        if (bytes.dim() != 4 || bytes.shape[1] != Channels)
        {
            throw new ArgumentException($"Images of shape [{string.Join(", ", bytes.shape)}] are not [N, {Channels}, H, W].", nameof(bytes));
        }
        using var scope = torch.NewDisposeScope();
        Tensor mean = torch.tensor(Mean).view(1, Channels, 1, 1);
        Tensor std = torch.tensor(Std).view(1, Channels, 1, 1);
        using Scalar white = 255f.ToScalar();
        Tensor pixels = bytes.to_type(ScalarType.Float32).div_(white);
        return pixels.sub_(mean).div_(std).MoveToOuterDisposeScope();
    }
}
