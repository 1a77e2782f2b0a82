using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Evaluation;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class FashionGanPixelsTests
{
    private static float Normalized(byte pixel) => (pixel / 255f - FashionMnist.PixelMean) / FashionMnist.PixelStd;

    [Fact]
    public void ToGenerator_MapsBlackToMinusOneWhiteToOneAndPadsWithBlack()
    {
        var pixels = new float[28 * 28];
        pixels[0] = Normalized(255);
        pixels[1] = Normalized(0);
        using var images = torch.tensor(pixels, [1, 1, 28, 28]);

        using var generated = FashionGanPixels.Instance.ToGenerator(images);

        Assert.Equal([1, 1, 32, 32], generated.shape);
        Assert.Equal(1f, generated[0, 0, 2, 2].item<float>(), 1e-5f);
        Assert.Equal(-1f, generated[0, 0, 2, 3].item<float>(), 1e-5f);
        Assert.Equal(-1f, generated[0, 0, 0, 0].item<float>(), 1e-6f);
        Assert.Equal(-1f, generated[0, 0, 31, 17].item<float>(), 1e-6f);
    }

    [Fact]
    public void ToClassifier_UndoesToGenerator()
    {
        torch.manual_seed(24);
        using var images = torch.rand(3, 1, 28, 28).sub_(FashionMnist.PixelMean).div_(FashionMnist.PixelStd);

        using var generated = FashionGanPixels.Instance.ToGenerator(images);
        using var back = FashionGanPixels.Instance.ToClassifier(generated);

        Assert.Equal([3, 1, 28, 28], back.shape);
        Assert.True((back - images).abs().max().item<float>() < 1e-5f);
    }
}
