using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Data;

/// <summary>
/// The authors' CIFAR training augmentation (<c>CNN_CIFAR/data/cifar.py</c>, <c>utility/cutout.py</c>), in their
/// order: a random 32×32 crop of the image zero-padded by 4 pixels, a horizontal flip with probability 1/2, then (after
/// normalization) Cutout with probability 1/2: a 16×16 square set to 0 whose top-left corner is uniform in
/// [−8, 32 − 8), clipped at the borders. Every choice comes from one seeded generator, so a run is reproducible.
/// </summary>
/// <remarks>
/// The images here are already normalized, so the crop pads with each channel's normalized black (what a zero byte
/// becomes), not with 0, which would be the mean colour; Cutout runs after normalization in the authors' pipeline, so
/// its hole is 0 in normalized units, as theirs.
/// </remarks>
public sealed class CifarAugmentation
{
    public const int Padding = 4, CutoutSize = 16;
    public const double FlipProbability = 0.5, CutoutProbability = 0.5;

    private readonly Random random;
    private readonly float[] padding;

    /// <param name="statistics">The statistics the images were normalized with; black padding is computed from them.</param>
    /// <param name="seed">Seeds the generator every draw comes from.</param>
    public CifarAugmentation(ChannelStatistics statistics, int seed)
    {
        padding = statistics.BlackLevel;
        random = new Random(seed);
    }

    /// <summary>Draws one image's choices from the generator, in the order crop, flip, Cutout, for an image of the given size.</summary>
    public CifarAugmentationDraw Draw(int height, int width)
    {
        int top = random.Next(2 * Padding + 1), left = random.Next(2 * Padding + 1);
        bool flip = random.NextDouble() < FlipProbability;
        if (random.NextDouble() >= CutoutProbability)
        {
            return new CifarAugmentationDraw(top, left, flip, null, null);
        }
        const int half = CutoutSize / 2;
        return new CifarAugmentationDraw(top, left, flip, random.Next(-half, height - half), random.Next(-half, width - half));
    }

    /// <summary>A new tensor holding every image of <paramref name="batch"/> [N, C, H, W] augmented with its own draw, drawn in image order.</summary>
    public Tensor Apply(Tensor batch)
    {
        if (batch.dim() != 4 || batch.shape[1] != padding.Length || batch.dtype != ScalarType.Float32 || batch.device_type != DeviceType.CPU)
        {
            throw new ArgumentException(
                $"A batch of shape [{string.Join(", ", batch.shape)}], type {batch.dtype} on {batch.device} is not float32 [N, {padding.Length}, H, W] " +
                "on the CPU, where augmentation runs before the batch moves to its device.", nameof(batch));
        }
        int count = (int)batch.shape[0], height = (int)batch.shape[2], width = (int)batch.shape[3];
        int imageSize = padding.Length * height * width;
        float[] source = batch.data<float>().ToArray();
        var output = new float[source.Length];
        for (int n = 0; n < count; n++)
        {
            Apply(source.AsSpan(n * imageSize, imageSize), output.AsSpan(n * imageSize, imageSize), height, width, padding, Draw(height, width));
        }
        return torch.tensor(output, batch.shape);
    }

    /// <summary>
    /// Writes one image [C, H, W] augmented by <paramref name="draw"/>: output(c, y, x) is the padded input at
    /// (y + top, x' + left) with x' = W − 1 − x when flipped, x otherwise, then 0 inside the clipped Cutout square.
    /// </summary>
    /// <param name="fill">Each channel's value for pixels the crop takes from the padding.</param>
    public static void Apply(ReadOnlySpan<float> image, Span<float> output, int height, int width, ReadOnlySpan<float> fill, CifarAugmentationDraw draw)
    {
        int channels = fill.Length;
        if (image.Length != channels * height * width || output.Length != image.Length)
        {
            throw new ArgumentException($"Image of {image.Length} and output of {output.Length} values do not both hold {channels} × {height} × {width}.", nameof(image));
        }
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                int sourceY = y + draw.CropTop - Padding;
                for (int x = 0; x < width; x++)
                {
                    int sourceX = (draw.Flip ? width - 1 - x : x) + draw.CropLeft - Padding;
                    bool inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width;
                    output[(c * height + y) * width + x] = inside ? image[(c * height + sourceY) * width + sourceX] : fill[c];
                }
            }
        }
        if (draw.CutoutTop is not int top || draw.CutoutLeft is not int left)
        {
            return;
        }
        int firstColumn = Math.Max(0, left), columns = Math.Min(width, left + CutoutSize) - firstColumn;
        for (int c = 0; c < channels && columns > 0; c++)
        {
            for (int y = Math.Max(0, top); y < Math.Min(height, top + CutoutSize); y++)
            {
                output.Slice((c * height + y) * width + firstColumn, columns).Clear();
            }
        }
    }
}
