namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// What <see cref="ImageAugmentation"/> does to a training image: a random crop of the image padded by
/// <paramref name="Padding"/> pixels on each side, a horizontal flip with probability 1/2, and, when
/// <paramref name="CutoutSize"/> is above 0, Cutout with probability 1/2.
/// </summary>
/// <param name="Padding">Pixels of padding on each side before the crop back to the image's size.</param>
/// <param name="CutoutSize">Side of Cutout's square hole; 0 for no Cutout.</param>
/// <param name="Fill">Each channel's value for pixels the crop takes from the padding: the normalized black, since
/// the images here are normalized before augmentation while the authors pad raw pixels with zero bytes.</param>
internal sealed record AugmentationPolicy(int Padding, int CutoutSize, float[] Fill)
{
    public const double FlipProbability = 0.5, CutoutProbability = 0.5;

    /// <summary>The authors' CIFAR augmentation (<c>CNN_CIFAR/data/cifar.py</c>): padding 4, flip, 16×16 Cutout.</summary>
    public static AugmentationPolicy Cifar(ChannelStatistics statistics) => new(4, 16, statistics.BlackLevel);

    /// <summary>
    /// Ours for Fashion-MNIST's 28×28 images (the paper has no Fashion-MNIST experiment): padding 2 and flip, no Cutout.
    /// A shift of up to 2 pixels keeps the centred garments whole; mirrored garments are still garments of their class.
    /// </summary>
    public static AugmentationPolicy FashionMnist { get; } =
        new(2, 0, [(0f - Data.FashionMnist.PixelMean) / Data.FashionMnist.PixelStd]);

    public int Channels => Fill.Length;
}
