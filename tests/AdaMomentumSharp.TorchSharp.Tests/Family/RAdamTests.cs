using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests.Family;

public class RAdamTests
{
    private const double Beta1 = 0.9, Beta2 = 0.99, Eps = 1e-8, WeightDecay = 0.01;

    /// <summary>
    /// With <c>decoupled_weight_decay: false</c>, RAdam is <c>torch.optim.RAdam</c>'s default rule. TorchSharp's own
    /// RAdam is the outside oracle; it multiplies by lr twice in its rectified branch (0.107.0), so it is right only at
    /// lr = 1: there both must agree on every step, through the momentum-only steps (ρt ≤ 5, t ≤ 5 at β2 = 0.99) and the
    /// rectified ones after. Measured worst relative differences over the 30 steps: 2e-16 in float64, 1.0e-7 in float32.
    /// </summary>
    [Theory]
    [InlineData(ScalarType.Float64, 1e-12)]
    [InlineData(ScalarType.Float32, 1e-6)]
    public void WithL2Decay_AtLrOne_MatchesTorchSharpsRAdam_InBothPhases(ScalarType dtype, double tolerance)
    {
        const int steps = 30;
        Assert.Contains(Enumerable.Range(1, steps), t => Rectification.Rho(Beta2, t) <= Rectification.Threshold);
        Assert.Contains(Enumerable.Range(1, steps), t => Rectification.Rho(Beta2, t) > Rectification.Threshold);
        double[] start = [0.5, -1.5, 2.0, 0.0, -0.25];
        var ours = new Parameter(torch.tensor(start, dtype: dtype));
        var theirs = new Parameter(torch.tensor(start, dtype: dtype));
        using var radam = new RAdam([ours], lr: 1, Beta1, Beta2, Eps, WeightDecay, decoupled_weight_decay: false);
        using var oracle = torch.optim.RAdam([theirs], lr: 1, Beta1, Beta2, Eps, WeightDecay);

        for (int t = 1; t <= steps; t++)
        {
            double[] g = start.Select((_, i) => Math.Sin(0.7 * t + i) * (i + 1)).ToArray();
            ours.grad = torch.tensor(g, dtype: dtype);
            theirs.grad = torch.tensor(g, dtype: dtype);
            radam.step();
            oracle.step();

            using Tensor difference = (ours - theirs).abs().max().to(ScalarType.Float64), size = theirs.abs().max().to(ScalarType.Float64);
            double relative = difference.item<double>() / size.item<double>();
            Assert.True(relative <= tolerance, $"step {t} (ρt = {Rectification.Rho(Beta2, t):F2}): relative difference {relative:G3}");
        }
    }
}
