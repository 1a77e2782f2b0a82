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

            Assert.True(AdaMomentumKernel.Step<T>(options, t, p, g, m, v, vmax, NonFiniteGradients.Throw, maxDegreeOfParallelism: 1));

            for (int i = 0; i < length; i++)
            {
                var elementBefore = new ElementState(D(before.P[i]), D(g[i]), D(before.M[i]), D(before.V[i]), D(before.VMax[i]));
                var elementAfter = new ElementState(D(p[i]), D(g[i]), D(m[i]), D(v[i]), D(vmax[i]));
                OneStepCheck.AssertMatchesReference(options, t, elementBefore, elementAfter, relative, $"length {length} scale {scale} element {i}");
            }
        }
        return Steps * length;
    }

    private static double D<T>(T x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => double.CreateTruncating(x);
}
