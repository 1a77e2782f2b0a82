using AdaMomentumSharp.Cli.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>The hand-written baselines against their published update rules, written out element by element in float64.</summary>
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

    [Fact]
    public void RAdam_FollowsItsUpdateRule_InBothPhases()
    {
        Check(p => new Optimizers.RAdam(p, Lr, Beta1, Beta2, Eps, WeightDecay), initial: 0, (t, g, m, v) =>
        {
            m = Beta1 * m + (1 - Beta1) * g;
            v = Beta2 * v + (1 - Beta2) * g * g;
            double mHat = m / (1 - Math.Pow(Beta1, t));
            double rhoInf = 2 / (1 - Beta2) - 1, rhoT = rhoInf - 2 * t * Math.Pow(Beta2, t) / (1 - Math.Pow(Beta2, t));
            if (rhoT <= 5)
            {
                return (Lr * mHat, m, v);
            }
            double r = Math.Sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
            return (Lr * mHat * r * Math.Sqrt(1 - Math.Pow(Beta2, t)) / (Math.Sqrt(v) + Eps), m, v);
        });
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
