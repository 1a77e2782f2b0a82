using System.Globalization;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>Classification accuracy: the fraction of examples whose largest logit is the target class; higher is better.</summary>
internal sealed class AccuracyMetric : EvaluationMetric
{
    /// <summary>The validation accuracy whose first epoch the report gives as a measure of training speed.</summary>
    public const double SpeedTarget = 0.9;

    public override string Name => "accuracy";

    public override bool HigherIsBetter => true;

    public override string Unit => " (%)";

    public override MetricTarget Target { get; } = new(SpeedTarget, "≥ 90 %");

    public override MetricAccumulator Start() => new Accumulator();

    public override double Displayed(double value) => 100 * value;

    public override string Format(double value) => Displayed(value).ToString("F2", CultureInfo.InvariantCulture);

    private sealed class Accumulator : MetricAccumulator
    {
        private double correct, count;

        public override double Value => correct / count;

        public override void Add(Tensor output, Tensor target)
        {
            correct += output.argmax(1).eq(target).sum().item<long>();
            count += target.shape[0];
        }
    }
}
