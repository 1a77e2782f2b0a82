namespace AdaMomentumSharp.Experiments.Data;

/// <summary>Grayscale images, normalized to zero mean and unit variance, with their class labels.</summary>
internal sealed record LabeledImages(float[] Pixels, long[] Labels, int Height, int Width)
{
    public int Count => Labels.Length;

    /// <summary>Images [start, start + count).</summary>
    public LabeledImages Slice(int start, int count) => new(
        Pixels[(start * Height * Width)..((start + count) * Height * Width)], Labels[start..(start + count)], Height, Width);
}
