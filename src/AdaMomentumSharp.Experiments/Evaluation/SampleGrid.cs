using AdaMomentumSharp.Files;
using SkiaSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Evaluation;

/// <summary>Generated images as one PNG: a grid of tiles on a grey background, each pixel drawn as a square block.</summary>
internal static class SampleGrid
{
    /// <summary>The results folder's sub-folder for sample grids, one per run.</summary>
    public const string Folder = "samples";

    private const int Columns = 8, Gap = 2, Scale = 3;

    /// <summary>Writes <paramref name="images"/> [N, 1 or 3, H, W] in [−1, 1] (CPU) to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, Tensor images)
    {
        if (images.dim() != 4 || (images.shape[1] != 1 && images.shape[1] != 3))
        {
            throw new ArgumentException($"Images of shape [{string.Join(", ", images.shape)}] are not [N, 1 or 3, H, W].", nameof(images));
        }
        int count = (int)images.shape[0], channels = (int)images.shape[1], height = (int)images.shape[2], width = (int)images.shape[3];
        byte[] pixels;
        using Scalar halfRange = 127.5.ToScalar(), white = 255.ToScalar();
        using (Tensor bytes = images.add(KeptScalars.One, KeptScalars.One).mul_(halfRange).round_().clamp_(KeptScalars.Zero, white).to_type(ScalarType.Byte).contiguous())
        {
            pixels = bytes.data<byte>().ToArray();
        }
        int rows = (count + Columns - 1) / Columns;
        int tileWidth = width * Scale + Gap, tileHeight = height * Scale + Gap;
        using var bitmap = new SKBitmap(Columns * tileWidth + Gap, rows * tileHeight + Gap, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(128, 128, 128));
            using var paint = new SKPaint();
            for (int n = 0; n < count; n++)
            {
                int left = Gap + n % Columns * tileWidth, top = Gap + n / Columns * tileHeight;
                for (int y = 0; y < height; y++)
                {
                    for (int x = 0; x < width; x++)
                    {
                        byte Channel(int c) => pixels[((n * channels + (channels == 1 ? 0 : c)) * height + y) * width + x];
                        paint.Color = new SKColor(Channel(0), Channel(1), Channel(2));
                        canvas.DrawRect(left + x * Scale, top + y * Scale, Scale, Scale, paint);
                    }
                }
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using SKData png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => png.SaveTo(stream));
    }
}
