using AdaMomentumSharp.Experiments.Models;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class LockedDropoutTests
{
    [Fact]
    public void Apply_SharesOneMaskAcrossTimeAndScalesKeptValues()
    {
        torch.manual_seed(12);
        using var input = torch.ones(9, 20, 50);

        using var output = LockedDropout.Apply(input, p: 0.25, training: true);

        using var first = output[0];
        for (int t = 1; t < 9; t++)
        {
            using var step = output[t];
            Assert.True(step.equal(first).all().item<bool>());
        }
        float[] values = first.data<float>().ToArray();
        Assert.All(values, v => Assert.True(v == 0f || Math.Abs(v - 1 / 0.75f) < 1e-6f));
        // 1,000 Bernoulli(0.25) draws: standard deviation 0.0137, so 0.19 to 0.31 is over four of them.
        Assert.InRange(values.Count(v => v == 0f) / 1000.0, 0.19, 0.31);
    }

    [Fact]
    public void Apply_NotTraining_ReturnsTheInputValues()
    {
        using var input = torch.randn(3, 2, 4);

        using var output = LockedDropout.Apply(input, p: 0.5, training: false);

        Assert.Equal(input.data<float>().ToArray(), output.data<float>().ToArray());
    }
}
