using MathNet.Numerics.Distributions;

namespace AdaMomentumSharp.Experiments.Statistics;

/// <summary>
/// One-sided paired tests over seeds, as the authors' supplement reports them: is the median (Wilcoxon) or mean (t)
/// of the paired differences above zero? With five pairs all in one direction the exact Wilcoxon test gives
/// 1/32 = 0.031, the smallest value five pairs can give and the one the supplement quotes.
/// </summary>
internal static class PairedTests
{
    /// <summary>The most nonzero pairs the exact Wilcoxon test enumerates (2^20 sign patterns).</summary>
    public const int MaxExactPairs = 20;

    /// <summary>
    /// The exact one-sided p-value of the Wilcoxon signed-rank test that the differences lie above zero: the share of
    /// the 2^n equally likely sign patterns of the ranks whose positive rank sum is at least the observed one. Zero
    /// differences are dropped (Wilcoxon's rule); tied magnitudes share their average rank. NaN with no nonzero difference.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">More than <see cref="MaxExactPairs"/> nonzero differences, or a non-finite one.</exception>
    public static double WilcoxonSignedRank(IReadOnlyList<double> differences)
    {
        double[] nonzero = [.. differences.Where(d => d != 0)];
        if (nonzero.Any(d => !double.IsFinite(d)))
        {
            throw new ArgumentOutOfRangeException(nameof(differences), "Every difference must be finite.");
        }
        if (nonzero.Length > MaxExactPairs)
        {
            throw new ArgumentOutOfRangeException(nameof(differences), nonzero.Length, $"The exact test enumerates at most {MaxExactPairs} nonzero pairs.");
        }
        if (nonzero.Length == 0)
        {
            return double.NaN;
        }
        double[] ranks = AverageRanks(nonzero.Select(Math.Abs).ToArray());
        double observed = ranks.Where((_, i) => nonzero[i] > 0).Sum();
        long atLeast = 0, patterns = 1L << nonzero.Length;
        for (long pattern = 0; pattern < patterns; pattern++)
        {
            double sum = 0;
            for (int i = 0; i < ranks.Length; i++)
            {
                if ((pattern & (1L << i)) != 0)
                {
                    sum += ranks[i];
                }
            }
            // Rank sums are multiples of ½, so a tolerance far below ½ compares them exactly.
            if (sum >= observed - 1e-9)
            {
                atLeast++;
            }
        }
        return (double)atLeast / patterns;
    }

    /// <summary>
    /// The one-sided p-value of the paired t-test that the mean difference is above zero: t = mean / (s / √n) on n − 1
    /// degrees of freedom. NaN for fewer than two differences or when they are all equal (no spread to test against).
    /// </summary>
    public static double PairedT(IReadOnlyList<double> differences)
    {
        int n = differences.Count;
        if (n < 2 || differences.Any(d => !double.IsFinite(d)))
        {
            return double.NaN;
        }
        double mean = differences.Average();
        double sd = Math.Sqrt(differences.Sum(d => (d - mean) * (d - mean)) / (n - 1));
        return sd == 0 ? double.NaN : 1 - StudentT.CDF(0, 1, n - 1, mean / (sd / Math.Sqrt(n)));
    }

    private static double[] AverageRanks(double[] magnitudes)
    {
        int[] order = [.. Enumerable.Range(0, magnitudes.Length).OrderBy(i => magnitudes[i])];
        var ranks = new double[magnitudes.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && magnitudes[order[end + 1]] == magnitudes[order[start]])
            {
                end++;
            }
            for (int k = start; k <= end; k++)
            {
                ranks[order[k]] = (start + end) / 2.0 + 1;
            }
            start = end + 1;
        }
        return ranks;
    }
}
