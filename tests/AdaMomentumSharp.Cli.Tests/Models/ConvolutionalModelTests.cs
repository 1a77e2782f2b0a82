using AdaMomentumSharp.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>The CIFAR classifiers: parameter counts against hand arithmetic and the figures in their doc comments, and forward shapes.</summary>
public sealed class ConvolutionalModelTests
{
    [Theory]
    [InlineData(10, 15_253_578)]
    [InlineData(100, 15_299_748)]
    public void Vgg16Bn_HasTheParametersItsLayersImply(int classes, long expected)
    {
        using var model = new Vgg16Bn(classes);

        Assert.Equal(expected, ModelParameters.Vgg16Bn(classes));
        Assert.Equal(expected, ModelParameters.Of(model));
    }

    [Theory]
    [InlineData(10, 21_282_122)]
    [InlineData(100, 21_328_292)]
    public void ResNet34_HasTheParametersItsLayersImply(int classes, long expected)
    {
        using var model = new ResNet34(classes);

        Assert.Equal(expected, ModelParameters.ResNet34(classes));
        Assert.Equal(expected, ModelParameters.Of(model));
    }

    [Theory]
    [InlineData(10, DenseNet121.StandardGrowth, 6_956_298)]
    [InlineData(100, DenseNet121.StandardGrowth, 7_048_548)]
    [InlineData(10, DenseNet121.AuthorsGrowth, 1_000_618)]
    [InlineData(100, DenseNet121.AuthorsGrowth, 1_035_268)]
    public void DenseNet121_HasTheParametersItsLayersImply(int classes, int growth, long expected)
    {
        using var model = new DenseNet121(classes, growth);

        Assert.Equal(expected, ModelParameters.DenseNet121(classes, growth));
        Assert.Equal(expected, ModelParameters.Of(model));
    }

    public static TheoryData<string, int> Models => new() { { "vgg", 10 }, { "resnet", 100 }, { "densenet", 10 }, { "densenet-authors", 100 } };

    [Theory]
    [MemberData(nameof(Models))]
    public void Forward_TwoCifarImages_GivesOneLogitPerClassEach(string name, int classes)
    {
        torch.manual_seed(1);
        using nn.Module<Tensor, Tensor> model = name switch
        {
            "vgg" => new Vgg16Bn(classes),
            "resnet" => new ResNet34(classes),
            "densenet" => new DenseNet121(classes),
            _ => new DenseNet121(classes, DenseNet121.AuthorsGrowth),
        };
        model.eval();
        using var noGrad = torch.no_grad();
        using var images = torch.randn(2, 3, 32, 32);

        using var logits = model.call(images);

        Assert.Equal([2, classes], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
        // Two different images must not collapse to the same logits.
        Assert.True((logits[0] - logits[1]).abs().max().item<float>() > 1e-6f);
    }

    [Fact]
    public void Vgg16Bn_ConvolutionsStartFromTheAuthorsNormalWithZeroBias()
    {
        torch.manual_seed(2);
        using var model = new Vgg16Bn(10);

        foreach (var (name, parameter) in model.named_parameters().Where(p => p.name.StartsWith("features.", StringComparison.Ordinal) && p.parameter.dim() == 4))
        {
            long outChannels = parameter.shape[0];
            double expected = Math.Sqrt(2.0 / (9 * outChannels));
            double std = parameter.std().item<float>();
            // Sample deviation of ≥ 1,728 normal draws: within 10 % of sigma at far beyond 3 standard errors.
            Assert.InRange(std, 0.9 * expected, 1.1 * expected);
            Assert.Equal(0f, model.named_parameters().Single(p => p.name == name.Replace("weight", "bias")).parameter.abs().max().item<float>());
        }
    }
}
