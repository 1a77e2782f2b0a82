using System.Globalization;
using AdaMomentumSharp.Experiments.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// Fréchet distance between generated and real images in a feature classifier's penultimate layer (FID when the
/// classifier is Inception; here a small classifier of the same data set, <see cref="FeatureClassifier"/>): lower is
/// better. Batches add generated features as the output and real features as the target.
/// </summary>
/// <param name="featureSource">The data set whose classifier supplies the features, for the report ("Fashion-MNIST").</param>
internal sealed class FidMetric(string featureSource) : EvaluationMetric
{
    public override string Name => "FID";

    public override bool HigherIsBetter => false;

    public override string Unit => $" (in a {featureSource} classifier's features)";

    public override MetricAccumulator Start() => new Accumulator();

    public override string Format(double value) => value.ToString("F2", CultureInfo.InvariantCulture);

    /// <summary>Only a non-finite loss: the adversarial losses of a GAN that trains well need not fall.</summary>
    public override bool Diverged(IReadOnlyList<double> trainingLosses) => trainingLosses.Any(loss => !double.IsFinite(loss));

    public override string DivergedMeans => "training loss became non-finite";

    private sealed class Accumulator : MetricAccumulator
    {
        private readonly List<Tensor> generated = [], real = [];

        public override double Value
        {
            get
            {
                using var scope = torch.NewDisposeScope();
                Tensor fake = torch.cat(generated, 0);
                // A diverged generator's NaN images give NaN features, on which the eigendecompositions fail: such a
                // run scores NaN, the worst value, and the comparison goes on.
                return fake.isfinite().all().item<bool>() ? FrechetDistance.Between(fake, torch.cat(real, 0)) : double.NaN;
            }
        }

        /// <summary>Keeps copies of both feature batches, outside the caller's dispose scope.</summary>
        public override void Add(Tensor output, Tensor target)
        {
            generated.Add(output.detach().cpu().clone().DetachFromDisposeScope());
            real.Add(target.detach().cpu().clone().DetachFromDisposeScope());
        }
    }
}
