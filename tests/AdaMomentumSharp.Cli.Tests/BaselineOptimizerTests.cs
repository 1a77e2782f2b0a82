using AdaMomentumSharp.Cli.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

using AdaBelief = AdaMomentumSharp.Cli.Optimizers.AdaBelief;
using AdaBound = AdaMomentumSharp.Cli.Optimizers.AdaBound;
using Yogi = AdaMomentumSharp.Cli.Optimizers.Yogi;
using RAdam = AdaMomentumSharp.Cli.Optimizers.RAdam;

/// <summary>
/// The hand-written baselines against their published update rules, written out element by element in float64, and
/// RAdam against TorchSharp's RAdam.
/// </summary>
public class BaselineOptimizerTests
{
    private const double Lr = 0.01, Beta1 = 0.9, Beta2 = 0.99, Eps = 1e-8, WeightDecay = 0.01;

    [Fact]
    public void AdaBelief_FollowsItsUpdateRule()
    {
        Check(p => new AdaBelief(p, Lr, Beta1, Beta2, Eps, WeightDecay), initial: 0, (t, g, m, s) =>
        {
            m = Beta1 * m + (1 - Beta1) * g;
            s = Beta2 * s + (1 - Beta2) * (g - m) * (g - m) + Eps;
            double step = Lr / (1 - Math.Pow(Beta1, t)) * m / (Math.Sqrt(s / (1 - Math.Pow(Beta2, t))) + Eps);
            return (step, m, s);
        });
    }

    [Fact]
    public void Yogi_FollowsItsUpdateRule()
    {
        Check(p => new Yogi(p, Lr, Beta1, Beta2, Eps, WeightDecay), initial: Yogi.InitialAccumulator, (t, g, m, v) =>
        {
            m = Beta1 * m + (1 - Beta1) * g;
            v -= (1 - Beta2) * Math.Sign(v - g * g) * g * g;
            double step = Lr / (1 - Math.Pow(Beta1, t)) * m / (Math.Sqrt(v / (1 - Math.Pow(Beta2, t))) + Eps);
            return (step, m, v);
        });
    }

    [Fact]
    public void AdaBound_FollowsItsUpdateRule()
    {
        const double finalLr = 0.1, gamma = 1e-3;
        Check(p => new AdaBound(p, Lr, Beta1, Beta2, Eps, WeightDecay, finalLr, gamma), initial: 0, (t, g, m, v) =>
        {
            m = Beta1 * m + (1 - Beta1) * g;
            v = Beta2 * v + (1 - Beta2) * g * g;
            double eta = Lr * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (1 - Math.Pow(Beta1, t)) / (Math.Sqrt(v) + Eps);
            double clipped = Math.Clamp(eta, finalLr * (1 - 1 / (gamma * t + 1)), finalLr * (1 + 1 / (gamma * t)));
            return (clipped * m, m, v);
        });
    }

    /// <summary>
    /// TorchSharp's own RAdam is the outside oracle. It multiplies by lr twice in its rectified branch (0.107.0), so
    /// it is right only at lr = 1: there both must agree on every step, through the momentum-only steps (ρt ≤ 5,
    /// t ≤ 5 at β2 = 0.99) and the rectified ones after. Measured worst relative differences over the 30 steps:
    /// 2e-16 in float64, 1.0e-7 in float32.
    /// </summary>
    [Theory]
    [InlineData(ScalarType.Float64, 1e-12)]
    [InlineData(ScalarType.Float32, 1e-6)]
    public void RAdam_AtLrOne_MatchesTorchSharpsRAdam_InBothPhases(ScalarType dtype, double tolerance)
    {
        const int steps = 30;
        Assert.Contains(Enumerable.Range(1, steps), t => Rectification.Rho(Beta2, t) <= Rectification.Threshold);
        Assert.Contains(Enumerable.Range(1, steps), t => Rectification.Rho(Beta2, t) > Rectification.Threshold);
        double[] start = [0.5, -1.5, 2.0, 0.0, -0.25];
        var ours = new Parameter(torch.tensor(start, dtype: dtype));
        var theirs = new Parameter(torch.tensor(start, dtype: dtype));
        using var radam = new Optimizers.RAdam([ours], lr: 1, Beta1, Beta2, Eps, WeightDecay);
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

    /// <summary>
    /// Feeds a fixed gradient sequence (with an L2 term) to the optimizer and to <paramref name="rule"/>, which maps
    /// (t, g, m, v) to (parameter decrement, m, v), and compares parameters after every step.
    /// </summary>
    private static void Check(Func<IEnumerable<Parameter>, torch.optim.Optimizer> create, double initial,
                              Func<long, double, double, double, (double Step, double M, double V)> rule)
    {
        double[] start = [0.5, -1.5, 2.0, 0.0, -0.25];
        var parameter = new Parameter(torch.tensor(start));
        using var optimizer = create([parameter]);
        double[] p = (double[])start.Clone(), m = start.Select(_ => initial).ToArray(), v = start.Select(_ => initial).ToArray();
        for (long t = 1; t <= 30; t++)
        {
            double[] g = start.Select((_, i) => Math.Sin(0.7 * t + i) * (i + 1)).ToArray();
            parameter.grad = torch.tensor(g);
            optimizer.step();
            for (int i = 0; i < p.Length; i++)
            {
                double step;
                (step, m[i], v[i]) = rule(t, g[i] + WeightDecay * p[i], m[i], v[i]);
                p[i] -= step;
            }
            double[] actual = parameter.data<double>().ToArray();
            for (int i = 0; i < p.Length; i++)
            {
                Assert.True(Math.Abs(actual[i] - p[i]) <= 1e-12 * (1 + Math.Abs(p[i])), $"step {t} element {i}: {actual[i]:R} vs rule {p[i]:R}");
            }
        }
    }
}
