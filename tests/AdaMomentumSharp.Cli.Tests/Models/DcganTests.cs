using AdaMomentumSharp.Experiments.Models;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class DcganTests
{
    [Theory]
    [InlineData(3, 3_812_355, 2_931_009)]
    [InlineData(1, 3_811_201, 2_929_857)]
    public void Networks_HaveTheParametersTheirLayersImply(int channels, long generator, long discriminator)
    {
        using var g = new DcganGenerator(channels);
        using var d = new DcganDiscriminator(channels);

        Assert.Equal((generator, discriminator), (ModelParameters.DcganGenerator(channels), ModelParameters.DcganDiscriminator(channels)));
        Assert.Equal((generator, discriminator), (ModelParameters.Of(g), ModelParameters.Of(d)));
    }

    [Theory]
    [InlineData(3, 16)]
    [InlineData(1, 5)]
    public void Networks_AtASmallerWidth_ScaleEveryBlock(int channels, int width)
    {
        using var g = new DcganGenerator(channels, width: width);
        using var d = new DcganDiscriminator(channels, width);

        Assert.Equal(ModelParameters.DcganGenerator(channels, w: width), ModelParameters.Of(g));
        Assert.Equal(ModelParameters.DcganDiscriminator(channels, width), ModelParameters.Of(d));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void Generator_MakesImagesInTanhRange_DiscriminatorScoresEachWithOneLogit(int channels)
    {
        torch.manual_seed(3);
        using var g = new DcganGenerator(channels);
        using var d = new DcganDiscriminator(channels);
        using var z = torch.randn(5, DcganGenerator.DefaultLatent);

        using var images = g.call(z);
        using var logits = d.call(images);

        Assert.Equal([5, channels, 32, 32], images.shape);
        Assert.True(images.abs().max().item<float>() <= 1f);
        Assert.True(images.std().item<float>() > 1e-3f);
        Assert.Equal([5], logits.shape);
    }

    [Fact]
    public void Generator_StartsFromOrthogonalWeightsAndZeroBiases()
    {
        torch.manual_seed(4);
        using var g = new DcganGenerator(3);
        var parameters = g.named_parameters().ToDictionary(p => p.name, p => p.parameter);

        // The projection is 8192 × 128: orthogonal means its 128 columns are orthonormal.
        using var gram = parameters["project.weight"].t().matmul(parameters["project.weight"]);
        using var identity = torch.eye(128);
        Assert.True((gram - identity).abs().max().item<float>() < 1e-4f);
        Assert.Equal(0f, parameters["project.bias"].abs().max().item<float>());
    }
}
