using AdaMomentumSharp.Experiments.Bandwidth;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class StreamTriadTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(1003, 1)]
    [InlineData((1 << 17) + 5, 2)]
    [InlineData((1 << 18) + 37, 3)]
    public void Run_EveryElement_IsBPlusThreeC(int elements, int threads)
    {
        float[] a = new float[elements];
        float[] b = Enumerable.Range(0, elements).Select(i => (float)(i % 97)).ToArray();
        float[] c = Enumerable.Range(0, elements).Select(i => (float)(i % 13) - 6).ToArray();

        StreamTriad.Run(a, b, c, threads);

        for (int i = 0; i < elements; i++)
        {
            Assert.True(a[i] == b[i] + 3f * c[i], $"element {i}: {a[i]} vs {b[i] + 3f * c[i]}");
        }
    }

    [Fact]
    public void BestBandwidth_IsAPositiveFiniteRate()
    {
        double gbs = StreamTriad.BestBandwidth(1 << 20, threads: 2, rounds: 2);

        Assert.True(double.IsFinite(gbs) && gbs > 0.1, $"{gbs} GB/s");
    }
}
