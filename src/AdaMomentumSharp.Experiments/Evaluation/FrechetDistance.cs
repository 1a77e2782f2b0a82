using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Evaluation;

/// <summary>
/// The Fréchet distance between two Gaussians fitted to feature sets (Heusel et al., 2017, "FID" when the features come
/// from Inception): d² = ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^½).
/// </summary>
/// <remarks>
/// Σ₁Σ₂ is not symmetric, and a general matrix square root (scipy's <c>sqrtm</c>, which the authors' StudioGAN code
/// calls) can return complex noise. Only its trace is needed, and Σ₁Σ₂ has the eigenvalues of the symmetric positive
/// semi-definite M = Σ₁^½ Σ₂ Σ₁^½, so Tr (Σ₁Σ₂)^½ = Σᵢ √λᵢ(M): two symmetric eigendecompositions in float64, with
/// eigenvalues that rounding pushes below zero clamped to zero.
/// </remarks>
internal static class FrechetDistance
{
    /// <summary>The distance between the Gaussians fitted to the rows of <paramref name="features1"/> and <paramref name="features2"/> ([N, D] each).</summary>
    public static double Between(Tensor features1, Tensor features2) => Between(FeatureMoments.Of(features1), FeatureMoments.Of(features2));

    /// <summary>The distance between two Gaussians given by their moments; at least 0 (a rounding-negative result is reported as 0).</summary>
    public static double Between(FeatureMoments first, FeatureMoments second)
    {
        if (first.Dimension != second.Dimension)
        {
            throw new ArgumentException($"Feature dimensions differ: {first.Dimension} and {second.Dimension}.", nameof(second));
        }
        int d = first.Dimension;
        double meanTerm = first.Mean.Zip(second.Mean, (a, b) => (a - b) * (a - b)).Sum();
        double traces = Trace(first.Covariance, d) + Trace(second.Covariance, d);

        using var scope = torch.NewDisposeScope();
        Tensor sigma1 = Symmetric(first.Covariance, d), sigma2 = Symmetric(second.Covariance, d);
        var (values, vectors) = torch.linalg.eigh(sigma1);
        Tensor root1 = (vectors * values.clamp_min(KeptScalars.Zero).sqrt()).matmul(vectors.t());
        Tensor product = Symmetrized(root1.matmul(sigma2).matmul(root1));
        double traceOfRoot = torch.linalg.eigvalsh(product).clamp_min(KeptScalars.Zero).sqrt().sum().item<double>();
        return Math.Max(0, meanTerm + traces - 2 * traceOfRoot);
    }

    private static double Trace(double[] matrix, int d) => Enumerable.Range(0, d).Sum(i => matrix[i * d + i]);

    private static Tensor Symmetric(double[] matrix, int d) => Symmetrized(torch.tensor(matrix, [d, d], ScalarType.Float64));

    // Rounding leaves products of symmetric matrices slightly asymmetric; eigh reads one triangle, so average both.
    private static Tensor Symmetrized(Tensor matrix)
    {
        using Scalar half = 0.5.ToScalar();
        return matrix.add(matrix.t(), KeptScalars.One).mul_(half);
    }
}
