using AdaMomentumSharp.Experiments.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class FrechetDistanceTests
{
    private static FeatureMoments Moments(double[] mean, double[,] covariance) =>
        new(mean, Enumerable.Range(0, mean.Length * mean.Length).Select(i => covariance[i / mean.Length, i % mean.Length]).ToArray());

    [Fact]
    public void Between_IdenticalSets_IsZero()
    {
        torch.manual_seed(20);
        using var features = torch.randn(500, 64, dtype: ScalarType.Float64).matmul(torch.randn(64, 64, dtype: ScalarType.Float64)) + 3;

        double distance = FrechetDistance.Between(features, features);

        Assert.InRange(distance, 0, 1e-9);
    }

    [Fact]
    public void Between_IdenticalRankDeficientSets_IsZeroUpToTheSquareRootOfRounding()
    {
        // 20 samples in 64 dimensions: 44 zero eigenvalues, each left at ~1e-15 by rounding, whose square roots (~3e-8) add up.
        torch.manual_seed(21);
        using var features = torch.randn(20, 64, dtype: ScalarType.Float64);

        double distance = FrechetDistance.Between(features, features);

        Assert.InRange(distance, 0, 1e-5);
    }

    [Fact]
    public void Between_DiagonalGaussians_IsTheClosedForm()
    {
        double[] mu1 = [0, 1, -2, 0.5], mu2 = [1, 1, 0, -0.5];
        double[] var1 = [1, 4, 0.25, 2], var2 = [9, 1, 0.25, 0.5];
        var first = Moments(mu1, Diagonal(var1));
        var second = Moments(mu2, Diagonal(var2));

        double expected = mu1.Zip(mu2, (a, b) => (a - b) * (a - b)).Sum()
                          + var1.Zip(var2, (a, b) => a + b - 2 * Math.Sqrt(a * b)).Sum();

        // 1 + 0 + 4 + 1 = 6 from the means; (1 + 9 − 6) + (4 + 1 − 4) + 0 + (2 + 0.5 − 2) = 5.5 from the variances.
        Assert.Equal(11.5, expected, 1e-12);
        Assert.Equal(expected, FrechetDistance.Between(first, second), 1e-12);
    }

    [Fact]
    public void Between_NonCommutingTwoByTwo_MatchesTheTraceOfRootFormula()
    {
        // For a 2 × 2 matrix A with positive eigenvalues, Tr √A = √(Tr A + 2 √det A); here A = Σ₁Σ₂, which does not commute.
        double[,] s1 = { { 2, 1 }, { 1, 2 } }, s2 = { { 1, 0.5 }, { 0.5, 3 } };
        double[,] product = Multiply(s1, s2);
        double traceOfRoot = Math.Sqrt(product[0, 0] + product[1, 1] + 2 * Math.Sqrt(Determinant2(s1) * Determinant2(s2)));
        double expected = 1 + 4 + (2 + 2) + (1 + 3) - 2 * traceOfRoot;
        Assert.NotEqual(Multiply(s1, s2)[0, 1], Multiply(s2, s1)[0, 1]);

        double actual = FrechetDistance.Between(Moments([0, 0], s1), Moments([1, 2], s2));

        Assert.Equal(expected, actual, 1e-12);
    }

    [Fact]
    public void Between_RandomCovariances_MatchesADenmanBeaversSquareRoot()
    {
        var random = new Random(22);
        double[,] s1 = RandomCovariance(random, 6), s2 = RandomCovariance(random, 6);
        double[] mu1 = Enumerable.Range(0, 6).Select(_ => random.NextDouble()).ToArray();
        double[] mu2 = Enumerable.Range(0, 6).Select(_ => random.NextDouble()).ToArray();
        double[,] root = DenmanBeaversRoot(Multiply(s1, s2));
        double expected = mu1.Zip(mu2, (a, b) => (a - b) * (a - b)).Sum() + Enumerable.Range(0, 6).Sum(i => s1[i, i] + s2[i, i] - 2 * root[i, i]);

        double actual = FrechetDistance.Between(Moments(mu1, s1), Moments(mu2, s2));

        Assert.Equal(expected, actual, 1e-9);
    }

    [Fact]
    public void Between_LargeSamplesOfTwoGaussians_ApproachTheClosedForm()
    {
        double[,] s1 = { { 2, 1 }, { 1, 2 } }, s2 = { { 1, 0.5 }, { 0.5, 3 } };
        double expected = FrechetDistance.Between(Moments([0, 0], s1), Moments([1, 0], s2));
        torch.manual_seed(23);
        using var x1 = Sample([0, 0], s1, 50_000);
        using var x2 = Sample([1, 0], s2, 50_000);

        double estimate = FrechetDistance.Between(x1, x2);

        // The estimate's spread at 50,000 samples is about 0.02 (mostly the mean term, 2 Δμ · noise); 0.08 is four of it.
        Assert.InRange(estimate, expected - 0.08, expected + 0.08);
    }

    [Fact]
    public void Moments_AreTheMeanAndTheUnbiasedCovariance()
    {
        using var features = torch.tensor(new float[] { 1, 2, 3, 6, 5, 4 }, [3, 2]);

        FeatureMoments moments = FeatureMoments.Of(features);

        Assert.Equal([3.0, 4.0], moments.Mean);
        // Deviations (−2, −2), (0, 2), (2, 0): sums of products 8, 4, 4, 8 over N − 1 = 2.
        Assert.Equal([4.0, 2.0, 2.0, 4.0], moments.Covariance);
    }

    private static double[,] Diagonal(double[] values)
    {
        var matrix = new double[values.Length, values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            matrix[i, i] = values[i];
        }
        return matrix;
    }

    private static double Determinant2(double[,] m) => m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0];

    private static double[,] Multiply(double[,] a, double[,] b)
    {
        int n = a.GetLength(0);
        var c = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int k = 0; k < n; k++)
                {
                    c[i, j] += a[i, k] * b[k, j];
                }
            }
        }
        return c;
    }

    private static double[,] RandomCovariance(Random random, int n)
    {
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = random.NextDouble() * 2 - 1;
            }
        }
        double[,] covariance = Multiply(a, Transpose(a));
        for (int i = 0; i < n; i++)
        {
            covariance[i, i] += 0.1;
        }
        return covariance;
    }

    private static double[,] Transpose(double[,] a)
    {
        int n = a.GetLength(0);
        var t = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                t[i, j] = a[j, i];
            }
        }
        return t;
    }

    /// <summary>Denman–Beavers: Y ← (Y + Z⁻¹)/2, Z ← (Z + Y⁻¹)/2 from Y = A, Z = I converges to √A for A with positive eigenvalues.</summary>
    private static double[,] DenmanBeaversRoot(double[,] a)
    {
        int n = a.GetLength(0);
        double[,] y = (double[,])a.Clone(), z = Diagonal(Enumerable.Repeat(1.0, n).ToArray());
        for (int iteration = 0; iteration < 100; iteration++)
        {
            double[,] yInverse = Inverse(y), zInverse = Inverse(z);
            var nextY = new double[n, n];
            var nextZ = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    nextY[i, j] = (y[i, j] + zInverse[i, j]) / 2;
                    nextZ[i, j] = (z[i, j] + yInverse[i, j]) / 2;
                }
            }
            (y, z) = (nextY, nextZ);
        }
        return y;
    }

    /// <summary>Gauss–Jordan elimination with partial pivoting.</summary>
    private static double[,] Inverse(double[,] a)
    {
        int n = a.GetLength(0);
        var m = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[i, j] = a[i, j];
            }
            m[i, n + i] = 1;
        }
        for (int column = 0; column < n; column++)
        {
            int pivot = Enumerable.Range(column, n - column).MaxBy(r => Math.Abs(m[r, column]));
            for (int j = 0; j < 2 * n; j++)
            {
                (m[column, j], m[pivot, j]) = (m[pivot, j], m[column, j]);
            }
            double scale = m[column, column];
            for (int j = 0; j < 2 * n; j++)
            {
                m[column, j] /= scale;
            }
            for (int r = 0; r < n; r++)
            {
                double factor = m[r, column];
                if (r == column || factor == 0)
                {
                    continue;
                }
                for (int j = 0; j < 2 * n; j++)
                {
                    m[r, j] -= factor * m[column, j];
                }
            }
        }
        var inverse = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                inverse[i, j] = m[i, n + j];
            }
        }
        return inverse;
    }

    /// <summary>Samples from N(μ, Σ) as μ + z Lᵀ with L the Cholesky factor of Σ.</summary>
    private static Tensor Sample(double[] mean, double[,] covariance, int count)
    {
        using var scope = torch.NewDisposeScope();
        int d = mean.Length;
        Tensor sigma = torch.tensor(Enumerable.Range(0, d * d).Select(i => covariance[i / d, i % d]).ToArray(), [d, d], ScalarType.Float64);
        Tensor factor = torch.linalg.cholesky(sigma);
        Tensor z = torch.randn(count, d, dtype: ScalarType.Float64);
        return (z.matmul(factor.t()) + torch.tensor(mean)).MoveToOuterDisposeScope();
    }
}
