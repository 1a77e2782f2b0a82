using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Evaluation;

/// <summary>
/// The mean and covariance of a set of feature vectors, in float64: the Gaussian the Fréchet distance compares. Plain
/// arrays, so a reference set's moments can be computed once and kept.
/// </summary>
/// <param name="Mean">The mean vector, length D.</param>
/// <param name="Covariance">The D × D covariance, row-major, unbiased (divided by N − 1, as <c>numpy.cov</c>).</param>
internal sealed record FeatureMoments(double[] Mean, double[] Covariance)
{
    public int Dimension => Mean.Length;

    /// <summary>The moments of the rows of <paramref name="features"/> [N, D], N ≥ 2, computed in float64.</summary>
    public static FeatureMoments Of(Tensor features)
    {
        if (features.dim() != 2 || features.shape[0] < 2)
        {
            throw new ArgumentException($"Features of shape [{string.Join(", ", features.shape)}] are not [N, D] with N ≥ 2.", nameof(features));
        }
        using var scope = torch.NewDisposeScope();
        Tensor x = features.to_type(ScalarType.Float64).cpu();
        Tensor mean = x.mean([0]);
        Tensor centred = x - mean;
        using Scalar degreesOfFreedom = (x.shape[0] - 1).ToScalar();
        Tensor covariance = centred.t().matmul(centred).div_(degreesOfFreedom);
        return new FeatureMoments(mean.data<double>().ToArray(), covariance.data<double>().ToArray());
    }
}
