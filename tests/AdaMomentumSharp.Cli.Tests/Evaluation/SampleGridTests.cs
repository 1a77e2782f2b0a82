using AdaMomentumSharp.Experiments.Evaluation;
using SkiaSharp;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class SampleGridTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Write_DrawsEachImageAsATileOfScaledPixels_InRowsOfEight()
    {
        // Image 0 is white with one black pixel at (row 1, column 2); image 9 (second row, second column) is black.
        using var images = torch.zeros(10, 1, 4, 4);
        images[0].fill_(1);
        images[0, 0, 1, 2] = torch.tensor(-1f);
        images[9].fill_(-1);
        string path = Path.Combine(temp.Path, "grids", "run.png");

        SampleGrid.Write(path, images);

        using SKBitmap grid = SKBitmap.Decode(path);
        // 8 tiles of 4 · 3 pixels with 2-pixel gaps across, two rows down.
        Assert.Equal((8 * 14 + 2, 2 * 14 + 2), (grid.Width, grid.Height));
        Assert.Equal(SKColors.White, grid.GetPixel(2, 2));
        Assert.Equal(SKColors.Black, grid.GetPixel(2 + 2 * 3 + 1, 2 + 1 * 3 + 1));
        Assert.Equal(new SKColor(128, 128, 128), grid.GetPixel(2 + 14 * 2 + 1, 2 + 1));
        Assert.Equal(SKColors.Black, grid.GetPixel(2 + 14 + 5, 2 + 14 + 5));
        Assert.Equal(new SKColor(128, 128, 128), grid.GetPixel(0, 0));
    }

    [Fact]
    public void Write_ImagesOfTwoChannels_AreRefused()
    {
        using var images = torch.zeros(1, 2, 4, 4);

        Assert.Throws<ArgumentException>(() => SampleGrid.Write(Path.Combine(temp.Path, "x.png"), images));
        Assert.False(File.Exists(Path.Combine(temp.Path, "x.png")));
    }
}
