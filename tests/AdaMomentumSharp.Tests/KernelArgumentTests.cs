namespace AdaMomentumSharp.Tests;

public class KernelArgumentTests
{
    private static readonly AdaMomentumOptions Defaults = new();

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Step_StepBelowOne_Throws(long step)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            AdaMomentumKernel.Step(Defaults, step, new float[4], new float[4], new float[4], new float[4], []));

        Assert.Equal("step", e.ParamName);
    }

    [Theory]
    [InlineData(5, 4, 4, 4, "gradients")]
    [InlineData(4, 4, 3, 4, "expAvg")]
    [InlineData(4, 4, 4, 9, "expAvgSq")]
    public void Step_MismatchedLengths_ThrowsNamingBothLengths(int gradients, int parameters, int expAvg, int expAvgSq, string name)
    {
        var e = Assert.Throws<ArgumentException>(() => AdaMomentumKernel.Step(
            Defaults, 1, new float[parameters], new float[gradients], new float[expAvg], new float[expAvgSq], []));

        Assert.Equal(name, e.ParamName);
        int bad = name switch { "gradients" => gradients, "expAvg" => expAvg, _ => expAvgSq };
        Assert.Contains($"{bad} elements", e.Message);
        Assert.Contains($"parameters has {parameters}", e.Message);
    }

    [Fact]
    public void Step_AmsGradWithoutMaxBuffer_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => AdaMomentumKernel.Step(
            Defaults with { AmsGrad = true }, 1, new double[3], new double[3], new double[3], new double[3], []));

        Assert.Equal("maxExpAvgSq", e.ParamName);
    }

    [Fact]
    public void Step_OverlappingBuffers_Throws()
    {
        var memory = new float[10];
        var e = Assert.Throws<ArgumentException>(() => AdaMomentumKernel.Step(
            Defaults, 1, memory.AsSpan(0, 5), new float[5], memory.AsSpan(4, 5), new float[5], []));

        Assert.Equal("expAvg", e.ParamName);
        Assert.All(memory, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Step_ThreadCountBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            AdaMomentumKernel.Step(Defaults, 1, new float[1], new float[1], new float[1], new float[1], [], 0));
    }

    [Fact]
    public void Step_ThrowPolicy_NamesFirstNonFiniteIndexAndUpdatesNothing()
    {
        var state = FloatState.Random(300_000, 5);
        var before = state.Clone();
        var g = new float[300_000];
        g[123_457] = float.PositiveInfinity;
        g[200_000] = float.NaN;

        var e = Assert.Throws<NonFiniteGradientException>(() => state.Step(Defaults, 1, g, threads: 2));

        Assert.Equal(123_457, e.ElementIndex);
        Assert.Equal(double.PositiveInfinity, e.Value);
        Assert.Contains("123457", e.Message);
        state.AssertBitIdentical(before);
    }

    [Fact]
    public void Step_SkipPolicy_ReturnsFalseAndUpdatesNothing()
    {
        var state = FloatState.Random(33, 6);
        var before = state.Clone();
        var g = Enumerable.Repeat(0.5f, 33).ToArray();
        g[32] = float.NaN;

        bool applied = state.Step(Defaults, 1, g, threads: 1, NonFiniteGradients.Skip);

        Assert.False(applied);
        state.AssertBitIdentical(before);
    }

    [Fact]
    public void Step_IgnorePolicy_LetsNaNIntoThatElementOnly()
    {
        var state = FloatState.Random(40, 7);
        var g = Enumerable.Repeat(0.5f, 40).ToArray();
        g[17] = float.NaN;

        bool applied = state.Step(Defaults, 1, g, threads: 1, NonFiniteGradients.Ignore);

        Assert.True(applied);
        Assert.True(float.IsNaN(state.P[17]) && float.IsNaN(state.M[17]));
        Assert.Equal(39, state.P.Count(float.IsFinite));
    }
}
