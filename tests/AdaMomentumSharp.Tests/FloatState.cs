namespace AdaMomentumSharp.Tests;

/// <summary>A float32 parameter buffer with its moments, for tests that compare two runs.</summary>
internal sealed class FloatState(float[] p, float[] m, float[] v, float[] vMax)
{
    public float[] P { get; } = p;

    public float[] M { get; } = m;

    public float[] V { get; } = v;

    public float[] VMax { get; } = vMax;

    public static FloatState Random(int length, int seed)
    {
        var random = new Random(seed);
        var p = new float[length];
        for (int i = 0; i < length; i++)
        {
            p[i] = (float)(random.NextDouble() * 2 - 1);
        }
        return new FloatState(p, new float[length], new float[length], new float[length]);
    }

    public FloatState Clone() => new((float[])P.Clone(), (float[])M.Clone(), (float[])V.Clone(), (float[])VMax.Clone());

    public bool Step(AdaMomentumOptions options, long step, float[] gradients, int threads,
                     NonFiniteGradients nonFiniteGradients = NonFiniteGradients.Throw) =>
        AdaMomentumKernel.Step(options, step, P, gradients, M, V, VMax, nonFiniteGradients, threads);

    public void AssertBitIdentical(FloatState other)
    {
        AssertSameBits(P, other.P, "parameters");
        AssertSameBits(M, other.M, "expAvg");
        AssertSameBits(V, other.V, "expAvgSq");
        AssertSameBits(VMax, other.VMax, "maxExpAvgSq");
    }

    private static void AssertSameBits(float[] expected, float[] actual, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{name}[{i}]: {expected[i]:R} vs {actual[i]:R}");
            }
        }
    }
}
