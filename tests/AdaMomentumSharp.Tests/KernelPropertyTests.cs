using CsCheck;

namespace AdaMomentumSharp.Tests;

/// <summary>Properties of the kernel checked over generated options, lengths and gradients.</summary>
public class KernelPropertyTests
{
    private static readonly AdaMomentumOptions[] Combinations = OptionCombinations.All().ToArray();
    private static readonly Gen<AdaMomentumOptions> AnyOptions = Gen.Int[0, Combinations.Length - 1].Select(i => Combinations[i]);

    [Fact]
    public void Step_WithBeta1ZeroAndEpsZero_EqualsAdam()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int, Gen.Double[1e-4, 0.1], Gen.Double[0.5, 0.9999], Gen.Int[1, 30])
            .Sample((length, seed, lr, beta2, steps) =>
            {
                var options = new AdaMomentumOptions { LearningRate = lr, Beta1 = 0, Beta2 = beta2, Epsilon = 0 };
                var random = new Random(seed);
                double[] p = RandomArray(random, length, 1), m = new double[length], v = new double[length];
                double[] adamP = (double[])p.Clone(), adamM = new double[length], adamV = new double[length];
                for (int t = 1; t <= steps; t++)
                {
                    // Adam with eps = 0 divides 0 by 0 on a zero gradient, so keep gradients away from zero.
                    double[] g = RandomArray(random, length, 1).Select(x => x + Math.CopySign(0.01, x)).ToArray();
                    AdaMomentumKernel.Step(options, t, p, g, m, v, []);
                    for (int i = 0; i < length; i++)
                    {
                        (adamP[i], adamM[i], adamV[i]) = ReferenceAdaMomentum.AdamStep(lr, 0, beta2, 0, t, adamP[i], g[i], adamM[i], adamV[i]);
                        Assert.Equal(adamP[i], p[i], 1e-12 * (Math.Abs(adamP[i]) + lr * t));
                        Assert.Equal(adamV[i], v[i], 1e-12 * adamV[i]);
                    }
                }
            }, iter: 200);
    }

    [Fact]
    public void Step_MultiThreaded_EqualsSingleThreadedBitForBit()
    {
        Gen.Select(AnyOptions, Gen.Int[(int)ParallelChunks.ParallelThreshold, 600_000], Gen.Int, Gen.Int[2, 4])
            .Sample((options, length, seed, threads) =>
            {
                var single = FloatState.Random(length, seed);
                var multi = single.Clone();
                for (int t = 1; t <= 3; t++)
                {
                    float[] g = RandomArray(new Random(seed + t), length, 1).Select(x => (float)x).ToArray();
                    single.Step(options, t, g, threads: 1);
                    multi.Step(options, t, g, threads);
                }
                single.AssertBitIdentical(multi);
            }, iter: 12, threads: 1);
    }

    [Fact]
    public void Step_Maximize_EqualsMinimizeOfNegatedGradient()
    {
        Gen.Select(AnyOptions, Gen.Int[1, 2000], Gen.Int)
            .Sample((options, length, seed) =>
            {
                var maximized = FloatState.Random(length, seed);
                var minimized = maximized.Clone();
                for (int t = 1; t <= 5; t++)
                {
                    float[] g = RandomArray(new Random(seed * 31 + t), length, 1).Select(x => (float)x).ToArray();
                    maximized.Step(options with { Maximize = true }, t, g, threads: 1);
                    minimized.Step(options with { Maximize = false }, t, g.Select(x => -x).ToArray(), threads: 1);
                }
                maximized.AssertBitIdentical(minimized);
            }, iter: 200);
    }

    [Fact]
    public void Step_RejectedCall_LeavesEveryBufferUnchanged()
    {
        Gen.Select(AnyOptions, Gen.Int[1, 3000], Gen.Int, Gen.Int[0, RejectedCalls.Count - 1])
            .Sample((options, length, seed, kind) =>
            {
                var state = FloatState.Random(length, seed);
                state.Step(options, 1, RandomArray(new Random(seed), length, 1).Select(x => (float)x).ToArray(), threads: 1);
                var before = state.Clone();
                float[] g = RandomArray(new Random(seed + 1), length, 1).Select(x => (float)x).ToArray();

                Assert.ThrowsAny<ArgumentException>(() => RejectedCalls[kind](state, options, g, seed));

                state.AssertBitIdentical(before);
            }, iter: 300);
    }

    private static readonly List<Action<FloatState, AdaMomentumOptions, float[], int>> RejectedCalls =
    [
        (s, o, g, _) => s.Step(o with { LearningRate = -1e-3 }, 2, g, 1),
        (s, o, g, _) => s.Step(o with { Beta1 = 1 }, 2, g, 1),
        (s, o, g, _) => s.Step(o with { Beta2 = double.NaN }, 2, g, 1),
        (s, o, g, _) => s.Step(o with { Epsilon = -1e-8 }, 2, g, 1),
        (s, o, g, _) => s.Step(o with { WeightDecay = double.PositiveInfinity }, 2, g, 1),
        (s, o, g, _) => s.Step(o with { Epsilon = 1e-50 }, 2, g, 1),
        (s, o, g, _) => s.Step(o with { LearningRate = 1e39 }, 2, g, 1),
        (s, o, g, _) => s.Step(o, 0, g, 1),
        (s, o, g, _) => s.Step(o, 2, g[..^1], 1),
        (s, o, g, seed) =>
        {
            g[Math.Abs(seed % g.Length)] = float.NaN;
            s.Step(o, 2, g, 2, NonFiniteGradients.Throw);
        },
        (s, o, g, seed) =>
        {
            g[Math.Abs(seed % g.Length)] = float.NegativeInfinity;
            Assert.False(s.Step(o, 2, g, 2, NonFiniteGradients.Skip));
            throw new ArgumentException("skipped, as it should be");
        },
    ];

    internal static double[] RandomArray(Random random, int length, double scale)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = scale * (random.NextDouble() * 2 - 1);
        }
        return values;
    }
}
