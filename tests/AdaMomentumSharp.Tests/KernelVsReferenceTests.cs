namespace AdaMomentumSharp.Tests;

/// <summary>
/// Both kernels against the float64 reference, one step at a time: before each step the reference is fed
/// the kernel's own state, so each comparison measures exactly one step's rounding.
/// </summary>
public class KernelVsReferenceTests
{
    private static readonly int[] Lengths = [1, 7, 33, 1029];
    private static readonly double[] GradientScales = [0, 1e-6, 1, 1e3];
    private const int Steps = 25;

    [Fact]
    public void Step_Float64_MatchesReferenceToOneIn1e12_ForEveryOptionCombination()
    {
        int checkedElements = RunAll<double>(relative: 1e-12);
        Assert.True(checkedElements > 1_000_000, $"only {checkedElements} element-steps were compared");
    }

    [Fact]
    public void Step_Float32_MatchesReferenceToFloat32Rounding_ForEveryOptionCombination()
    {
        int checkedElements = RunAll<float>(relative: 2e-6);
        Assert.True(checkedElements > 1_000_000, $"only {checkedElements} element-steps were compared");
    }

    private static int RunAll<T>(double relative)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int compared = 0;
        int seed = 0;
        foreach (AdaMomentumOptions options in OptionCombinations.All())
        foreach (int length in Lengths)
        foreach (double scale in GradientScales)
        {
            compared += RunTrajectory<T>(options, length, scale, new Random(seed++), relative);
        }
        return compared;
    }

    private static int RunTrajectory<T>(AdaMomentumOptions options, int length, double scale, Random random, double relative)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var p = new T[length];
        var g = new T[length];
        var m = new T[length];
        var v = new T[length];
        var vmax = new T[length];
        for (int i = 0; i < length; i++)
        {
            p[i] = T.CreateTruncating(random.NextDouble() * 4 - 2);
        }

        for (long t = 1; t <= Steps; t++)
        {
            for (int i = 0; i < length; i++)
            {
                // Every seventh element keeps a zero gradient to exercise the all-zero moment path.
                g[i] = i % 7 == 3 ? T.Zero : T.CreateTruncating(scale * (random.NextDouble() * 2 - 1));
            }
            var before = (P: (T[])p.Clone(), M: (T[])m.Clone(), V: (T[])v.Clone(), VMax: (T[])vmax.Clone());

            Assert.True(AdaMomentumKernel.Step<T>(options, t, p, g, m, v, vmax, maxDegreeOfParallelism: 1));

            for (int i = 0; i < length; i++)
            {
                double p0 = D(before.P[i]), g0 = D(g[i]), m0 = D(before.M[i]), v0 = D(before.V[i]);
                var expected = ReferenceAdaMomentum.Step(options, t, p0, g0, m0, v0, D(before.VMax[i]));
                double decayedP = options.DecoupledWeightDecay ? p0 * (1 - options.LearningRate * options.WeightDecay) : p0;
                double gradientTerm = Math.Abs(g0) + options.WeightDecay * Math.Abs(p0);
                // Error budget: each quantity's own rounding plus what it inherits from the ones it is computed from.
                double mError = relative * (options.Beta1 * Math.Abs(m0) + (1 - options.Beta1) * gradientTerm);
                double vError = relative * (options.Beta2 * v0 + (1 - options.Beta2) * expected.M * expected.M + options.Epsilon)
                                + (1 - options.Beta2) * 2 * Math.Abs(expected.M) * mError;
                double update = Math.Abs(expected.P - decayedP);
                double secondMoment = options.AmsGrad ? expected.VMax : expected.V;
                double pError = relative * (Math.Abs(decayedP) + update)
                                + (expected.M == 0 ? 0 : update * mError / Math.Abs(expected.M))
                                + (secondMoment == 0 ? 0 : update * vError / secondMoment);
                string where = $"{options} length {length} scale {scale} step {t} element {i}";
                AssertClose(expected.M, D(m[i]), mError, "m", where);
                AssertClose(expected.V, D(v[i]), vError, "v", where);
                AssertClose(expected.P, D(p[i]), pError, "p", where);
                if (options.AmsGrad)
                {
                    AssertClose(expected.VMax, D(vmax[i]), vError, "vmax", where);
                }
            }
        }
        return Steps * length;
    }

    private static double D<T>(T x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => double.CreateTruncating(x);

    private static void AssertClose(double expected, double actual, double tolerance, string what, string where)
    {
        if (!(Math.Abs(expected - actual) <= tolerance) && !(expected == actual))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:E2}) at {where}");
        }
    }
}
