using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// Random crop, horizontal flip and optional Cutout of training images, in the authors' order
/// (<c>CNN_CIFAR/data/cifar.py</c>, <c>utility/cutout.py</c>) and as <see cref="AugmentationPolicy"/> sets them: a crop
/// of the image padded by the policy's padding, a flip with probability 1/2, then (after normalization) Cutout with
/// probability 1/2: a square set to 0 whose top-left corner is uniform in [−size/2, side − size/2), clipped at the
/// borders. Every choice comes from one seeded generator, so a run is reproducible.
/// </summary>
/// <remarks>
/// The images here are already normalized, so the crop pads with each channel's normalized black (what a zero byte
/// becomes), not with 0, which would be the mean colour; Cutout runs after normalization in the authors' pipeline, so
/// its hole is 0 in normalized units, as theirs.
/// </remarks>
internal sealed class ImageAugmentation
{
    private readonly Random random;
    private readonly AugmentationPolicy policy;

    /// <param name="policy">What to draw and the padding's fill.</param>
    /// <param name="seed">Seeds the generator every draw comes from.</param>
    public ImageAugmentation(AugmentationPolicy policy, int seed)
    {
        this.policy = policy;
        random = new Random(seed);
    }

    /// <summary>
    /// Draws one image's choices from the generator, in the order crop, flip, Cutout (no Cutout draw when the policy
    /// has none), for an image of the given size.
    /// </summary>
    public ImageAugmentationDraw Draw(int height, int width)
    {
        int top = random.Next(2 * policy.Padding + 1), left = random.Next(2 * policy.Padding + 1);
        bool flip = random.NextDouble() < AugmentationPolicy.FlipProbability;
        if (policy.CutoutSize == 0 || random.NextDouble() >= AugmentationPolicy.CutoutProbability)
        {
            return new ImageAugmentationDraw(top, left, flip, null, null);
        }
        int half = policy.CutoutSize / 2;
        return new ImageAugmentationDraw(top, left, flip, random.Next(-half, height - half), random.Next(-half, width - half));
    }

    /// <summary>A new tensor holding every image of <paramref name="batch"/> [N, C, H, W] augmented with its own draw, drawn in image order.</summary>
    public Tensor Apply(Tensor batch)
    {
        if (batch.dim() != 4 || batch.shape[1] != policy.Channels || batch.dtype != ScalarType.Float32 || batch.device_type != DeviceType.CPU)
        {
            throw new ArgumentException(
                $"A batch of shape [{string.Join(", ", batch.shape)}], type {batch.dtype} on {batch.device} is not float32 [N, {policy.Channels}, H, W] " +
                "on the CPU, where augmentation runs before the batch moves to its device.", nameof(batch));
        }
        int count = (int)batch.shape[0], height = (int)batch.shape[2], width = (int)batch.shape[3];
        int imageSize = policy.Channels * height * width;
        float[] source = batch.data<float>().ToArray();
        var output = new float[source.Length];
        for (int n = 0; n < count; n++)
        {
            Apply(source.AsSpan(n * imageSize, imageSize), output.AsSpan(n * imageSize, imageSize), height, width, policy, Draw(height, width));
        }
        return torch.tensor(output, batch.shape);
    }

    /// <summary>
    /// Writes one image [C, H, W] augmented by <paramref name="draw"/>: output(c, y, x) is the padded input at
    /// (y + top, x' + left) with x' = W − 1 − x when flipped, x otherwise, then 0 inside the clipped Cutout square.
    /// </summary>
    public static void Apply(ReadOnlySpan<float> image, Span<float> output, int height, int width, AugmentationPolicy policy, ImageAugmentationDraw draw)
    {
        int channels = policy.Channels, padding = policy.Padding;
        ReadOnlySpan<float> fill = policy.Fill;
        if (image.Length != channels * height * width || output.Length != image.Length)
        {
            throw new ArgumentException($"Image of {image.Length} and output of {output.Length} values do not both hold {channels} × {height} × {width}.", nameof(image));
        }
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                int sourceY = y + draw.CropTop - padding;
                for (int x = 0; x < width; x++)
                {
                    int sourceX = (draw.Flip ? width - 1 - x : x) + draw.CropLeft - padding;
                    bool inside = sourceY >= 0 && sourceY < height && sourceX >= 0 && sourceX < width;
                    output[(c * height + y) * width + x] = inside ? image[(c * height + sourceY) * width + sourceX] : fill[c];
                }
            }
        }
        if (draw.CutoutTop is not int top || draw.CutoutLeft is not int left)
        {
            return;
        }
        int firstColumn = Math.Max(0, left), columns = Math.Min(width, left + policy.CutoutSize) - firstColumn;
        for (int c = 0; c < channels && columns > 0; c++)
        {
            for (int y = Math.Max(0, top); y < Math.Min(height, top + policy.CutoutSize); y++)
            {
                output.Slice((c * height + y) * width + firstColumn, columns).Clear();
            }
        }
    }
}
