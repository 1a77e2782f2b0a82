using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Evaluation;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class CifarGanPixelsTests
{
    private readonly CifarGanPixels pixels = new(ChannelStatistics.Cifar10);

    [Fact]
    public void ToGenerator_MapsBlackToMinusOneAndWhiteToOne_InEveryChannel()
    {
        using var bytes = torch.tensor(new byte[] { 0, 255, 0, 255, 0, 255 }, [1, 3, 1, 2]);
        using var normalized = ChannelStatistics.Cifar10.Normalize(bytes);

        using var generated = pixels.ToGenerator(normalized);

        Assert.Equal(new[] { -1f, 1f, -1f, 1f, -1f, 1f }, generated.data<float>().ToArray().Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void ToClassifier_UndoesToGenerator()
    {
        torch.manual_seed(8);
        using var generated = torch.rand(2, 3, 32, 32).mul_(2).sub_(1);

        using var back = pixels.ToGenerator(pixels.ToClassifier(generated));

        Assert.True((back - generated).abs().max().item<float>() < 1e-5f);
    }
}
