using AdaMomentumSharp.Experiments.Data;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class ImageAugmentationTests
{
    private const int C = 3, H = 32, W = 32;
    private static readonly AugmentationPolicy Policy = AugmentationPolicy.Cifar(ChannelStatistics.Cifar10);
    private static readonly float[] Fill = Policy.Fill;

    // Every pixel distinct and non-zero, so a moved, mirrored or zeroed pixel cannot pass for another.
    private static float[] Image() => Enumerable.Range(0, C * H * W).Select(i => 1f + i).ToArray();

    private static float At(float[] image, int c, int y, int x) => image[(c * H + y) * W + x];

    private static float[] Augmented(float[] image, ImageAugmentationDraw draw)
    {
        var output = new float[image.Length];
        ImageAugmentation.Apply(image, output, H, W, Policy, draw);
        return output;
    }

    [Fact]
    public void Apply_IdentityDraw_ReturnsTheImage()
    {
        float[] image = Image();

        Assert.Equal(image, Augmented(image, ImageAugmentationDraw.Identity(Policy.Padding)));
    }

    [Fact]
    public void Apply_Flip_ReversesEveryRow()
    {
        float[] image = Image();

        float[] flipped = Augmented(image, new ImageAugmentationDraw(4, 4, Flip: true, null, null));

        for (int c = 0; c < C; c++)
        {
            for (int y = 0; y < H; y++)
            {
                for (int x = 0; x < W; x++)
                {
                    Assert.Equal(At(image, c, y, W - 1 - x), At(flipped, c, y, x));
                }
            }
        }
    }

    [Fact]
    public void Apply_CropAtTopRightCorner_ShiftsDownLeftAndPadsWithNormalizedBlack()
    {
        float[] image = Image();

        // Window at padded row 0, column 8: output (y, x) shows input (y − 4, x + 4).
        float[] cropped = Augmented(image, new ImageAugmentationDraw(CropTop: 0, CropLeft: 8, false, null, null));

        for (int c = 0; c < C; c++)
        {
            for (int y = 0; y < H; y++)
            {
                for (int x = 0; x < W; x++)
                {
                    float expected = y < 4 || x >= W - 4 ? Fill[c] : At(image, c, y - 4, x + 4);
                    Assert.Equal(expected, At(cropped, c, y, x));
                }
            }
        }
        Assert.Equal(-0.4914f / 0.2470f, At(cropped, 0, 0, 0), 1e-6f);
    }

    [Fact]
    public void Apply_CropThenFlip_MirrorsTheCroppedWindow()
    {
        float[] image = Image();

        // Crop at padded (8, 1): crop (y, x) = input (y + 4, x − 3); flipped: output (y, x) = crop (y, 31 − x) = input (y + 4, 28 − x).
        float[] output = Augmented(image, new ImageAugmentationDraw(CropTop: 8, CropLeft: 1, Flip: true, null, null));

        Assert.Equal(At(image, 1, 4, 28), At(output, 1, 0, 0));
        Assert.Equal(At(image, 2, 31, 0), At(output, 2, 27, 28));
        Assert.Equal(Fill[0], At(output, 0, 0, 29));
        Assert.Equal(Fill[2], At(output, 2, 28, 5));
    }

    [Theory]
    [InlineData(10, 7, 16, 16)]
    [InlineData(-5, 20, 11, 12)]
    [InlineData(-8, -8, 8, 8)]
    [InlineData(23, 23, 9, 9)]
    public void Apply_Cutout_ZeroesExactlyTheSquareClippedAtTheBorders(int top, int left, int rows, int columns)
    {
        float[] image = Image();

        float[] output = Augmented(image, new ImageAugmentationDraw(4, 4, false, top, left));

        for (int c = 0; c < C; c++)
        {
            for (int y = 0; y < H; y++)
            {
                for (int x = 0; x < W; x++)
                {
                    bool inHole = y >= top && y < top + 16 && x >= left && x < left + 16;
                    Assert.Equal(inHole ? 0f : At(image, c, y, x), At(output, c, y, x));
                }
            }
        }
        Assert.Equal(C * rows * columns, output.Count(v => v == 0f));
    }

    [Fact]
    public void Draw_FollowsTheAuthorsRanges()
    {
        var augmentation = new ImageAugmentation(Policy, seed: 3);
        const int draws = 20_000;

        ImageAugmentationDraw[] all = Enumerable.Range(0, draws).Select(_ => augmentation.Draw(H, W)).ToArray();

        Assert.Equal(Enumerable.Range(0, 9), all.Select(d => d.CropTop).Distinct().Order());
        Assert.Equal(Enumerable.Range(0, 9), all.Select(d => d.CropLeft).Distinct().Order());
        Assert.Equal(Enumerable.Range(-8, 32), all.Where(d => d.CutoutTop is not null).Select(d => d.CutoutTop!.Value).Distinct().Order());
        Assert.Equal(Enumerable.Range(-8, 32), all.Where(d => d.CutoutLeft is not null).Select(d => d.CutoutLeft!.Value).Distinct().Order());
        Assert.All(all, d => Assert.Equal(d.CutoutTop is null, d.CutoutLeft is null));
        // Each fraction has standard deviation 0.0035 at 20,000 draws; 0.015 is over four of them.
        Assert.InRange(all.Count(d => d.Flip) / (double)draws, 0.485, 0.515);
        Assert.InRange(all.Count(d => d.CutoutTop is not null) / (double)draws, 0.485, 0.515);
    }

    [Fact]
    public void ApplyBatch_SameSeed_SameImages_DifferentSeed_DifferentImages()
    {
        using var batch = torch.tensor(Enumerable.Range(0, 8).SelectMany(_ => Image()).ToArray(), [8, C, H, W]);

        using var first = new ImageAugmentation(Policy, seed: 7).Apply(batch);
        using var again = new ImageAugmentation(Policy, seed: 7).Apply(batch);
        using var other = new ImageAugmentation(Policy, seed: 8).Apply(batch);

        Assert.Equal(first.data<float>().ToArray(), again.data<float>().ToArray());
        Assert.NotEqual(first.data<float>().ToArray(), other.data<float>().ToArray());
    }

    [Fact]
    public void ApplyBatch_GivesEachImageTheNextDrawInOrder()
    {
        float[] image = Image();
        using var batch = torch.tensor(Enumerable.Range(0, 6).SelectMany(_ => image).ToArray(), [6, C, H, W]);
        var drawer = new ImageAugmentation(Policy, seed: 11);

        using var augmented = new ImageAugmentation(Policy, seed: 11).Apply(batch);

        float[] actual = augmented.data<float>().ToArray();
        for (int n = 0; n < 6; n++)
        {
            Assert.Equal(Augmented(image, drawer.Draw(H, W)), actual[(n * C * H * W)..((n + 1) * C * H * W)]);
        }
    }

    [Fact]
    public void ApplyBatch_NonContiguousBatch_IsReadInLogicalOrder()
    {
        float[] image = Image();
        using var batch = torch.tensor(Enumerable.Range(0, 4).SelectMany(_ => image).ToArray(), [4, C, H, W]);
        using var transposed = batch.transpose(2, 3).contiguous().transpose(2, 3);
        Assert.False(transposed.is_contiguous());

        using var fromContiguous = new ImageAugmentation(Policy, seed: 5).Apply(batch);
        using var fromView = new ImageAugmentation(Policy, seed: 5).Apply(transposed);

        Assert.Equal(fromContiguous.data<float>().ToArray(), fromView.data<float>().ToArray());
    }
}
