using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class FidMetricTests
{
    private readonly FidMetric metric = new("Fashion-MNIST");

    [Fact]
    public void Metric_IsLowerIsBetter_AndNamesItsFeatures()
    {
        Assert.False(metric.HigherIsBetter);
        Assert.Equal(("FID", " (in a Fashion-MNIST classifier's features)"), (metric.Name, metric.Unit));
    }

    [Fact]
    public void Value_OfTheSameFeaturesInBatches_IsZero()
    {
        torch.manual_seed(5);
        using var features = torch.randn(40, 6);
        var accumulator = metric.Start();

        accumulator.Add(features[..25], features[..25]);
        accumulator.Add(features[25..], features[25..]);

        Assert.Equal(0, accumulator.Value, 1e-9);
    }

    /// <summary>Shifting every feature by c leaves the covariances equal, so the distance is exactly ‖c‖².</summary>
    [Fact]
    public void Value_OfShiftedFeaturesAcrossBatches_IsTheSquaredShift()
    {
        torch.manual_seed(6);
        using var real = torch.randn(50, 4, torch.float64);
        using var shift = torch.tensor(new[] { 1.0, -2.0, 0.5, 0.0 });
        using var generated = real + shift;
        var accumulator = metric.Start();

        accumulator.Add(generated[..20], real[..20]);
        accumulator.Add(generated[20..], real[20..]);

        Assert.Equal(1 + 4 + 0.25, accumulator.Value, 1e-9);
    }

    [Fact]
    public void Value_WithNonFiniteGeneratedFeatures_IsNaN_NotAnError()
    {
        using var real = torch.randn(20, 3);
        using var generated = real.clone();
        generated[4, 1] = torch.tensor(float.NaN);
        var accumulator = metric.Start();

        accumulator.Add(generated, real);

        Assert.True(double.IsNaN(accumulator.Value));
    }
}
