using AdaMomentumSharp.Experiments.Statistics;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>p-values checked against counts of sign patterns and the t distribution's closed form for 2 degrees of freedom.</summary>
public sealed class PairedTestsTests
{
    [Fact]
    public void Wilcoxon_FivePairsAllPositive_IsOneIn32()
        => Assert.Equal(1.0 / 32, PairedTests.WilcoxonSignedRank([1, 2, 3, 4, 5]));

    /// <summary>W+ = 13 of 15: sign patterns with W+ ≥ 13 are those whose negative ranks sum to at most 2 ({}, {1}, {2}).</summary>
    [Fact]
    public void Wilcoxon_OneSmallNegative_CountsThePatternsAtLeastAsExtreme()
        => Assert.Equal(3.0 / 32, PairedTests.WilcoxonSignedRank([1, -2, 3, 4, 5]));

    /// <summary>|d| = 1, 1, 2 rank 1.5, 1.5, 3; W+ = 3; the 8 patterns' sums 0, 1.5, 1.5, 3, 3, 4.5, 4.5, 6 reach 3 five times.</summary>
    [Fact]
    public void Wilcoxon_TiedMagnitudes_ShareTheirAverageRank_AndZerosAreDropped()
        => Assert.Equal(5.0 / 8, PairedTests.WilcoxonSignedRank([1, 0, 1, -2]));

    [Fact]
    public void Wilcoxon_AllNegative_IsOne_AndNoNonzeroDifference_IsNaN()
    {
        Assert.Equal(1.0, PairedTests.WilcoxonSignedRank([-1, -2, -3]));
        Assert.True(double.IsNaN(PairedTests.WilcoxonSignedRank([0, 0])));
    }

    [Fact]
    public void Wilcoxon_TooManyPairsOrNonFinite_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedTests.WilcoxonSignedRank([.. Enumerable.Range(1, PairedTests.MaxExactPairs + 1).Select(i => (double)i)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => PairedTests.WilcoxonSignedRank([1, double.NaN]));
    }

    /// <summary>d = 1, 2, 3: t = 2 / (1 / √3) on 2 degrees of freedom, where P(T > t) = ½ − t / (2 √(2 + t²)).</summary>
    [Fact]
    public void PairedT_MatchesTheClosedFormForTwoDegreesOfFreedom()
    {
        double t = 2 * Math.Sqrt(3);

        Assert.Equal(0.5 - t / (2 * Math.Sqrt(2 + t * t)), PairedTests.PairedT([1, 2, 3]), 1e-12);
    }

    [Fact]
    public void PairedT_NoSpreadOrOnePair_IsNaN()
    {
        Assert.True(double.IsNaN(PairedTests.PairedT([2, 2, 2])));
        Assert.True(double.IsNaN(PairedTests.PairedT([2])));
    }
}
