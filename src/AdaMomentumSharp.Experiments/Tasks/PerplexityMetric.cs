using System.Globalization;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>Perplexity: exp of the mean cross-entropy per predicted token (nats); lower is better.</summary>
/// <param name="token">What a token is (char, word), which names the bits-per-token column.</param>
internal sealed class PerplexityMetric(string token = "char") : EvaluationMetric
{
    public override string Name => "perplexity";

    public override bool HigherIsBetter => false;

    public override DerivedColumn Derived { get; } = new($"test bits/{token}", perplexity => Math.Log(perplexity) / Math.Log(2));

    public override MetricAccumulator Start() => new Accumulator();

    public override string Format(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

    private sealed class Accumulator : MetricAccumulator
    {
        private double lossSum, tokens;

        public override double Value => Math.Exp(lossSum / tokens);

        public override void Add(Tensor output, Tensor target)
        {
            lossSum += CrossEntropyLoss.Instance.Compute(output, target, 0, nn.Reduction.Sum).item<float>();
            tokens += target.shape[0];
        }
    }
}
