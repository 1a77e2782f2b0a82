namespace AdaMomentumSharp;

/// <summary>
/// The options of an optimizer shaped like Adam, spelled as TorchSharp's Adam spells them: <c>beta1</c>, <c>beta2</c>,
/// <c>eps</c> and <c>weight_decay</c> (and <c>lr</c>, TorchSharp's <see cref="TorchSharp.Modules.OptimizerOptions.LearningRate"/>);
/// the derived class's table says their defaults and rules, and adds the optimizer's own.
/// </summary>
public abstract class AdamOptions : AdaptiveOptions
{
    /// <param name="table">The optimizer's options; it must contain <c>lr</c>, <c>beta1</c>, <c>beta2</c>, <c>eps</c> and <c>weight_decay</c>.</param>
    protected AdamOptions(IReadOnlyList<AdaptiveOption> table)
        : base(table)
    {
    }

    /// <summary>Momentum decay β1, in [0, 1).</summary>
    public double? beta1 { get => Number(); set => Set(value); }

    /// <summary>Second-moment decay β2, in [0, 1).</summary>
    public double? beta2 { get => Number(); set => Set(value); }

    /// <summary>eps ≥ 0 (where the optimizer adds it: see its update rule).</summary>
    public double? eps { get => Number(); set => Set(value); }

    /// <summary>Weight decay ≥ 0 (how it is applied: see the optimizer's update rule).</summary>
    public double? weight_decay { get => Number(); set => Set(value); }

    /// <summary>
    /// The coefficients every Adam-shaped step starts from, which each optimizer's own resolution amends: no decay,
    /// <c>weight_decay</c> as an L2 term, the betas, eps added after a square root that no bias correction divides.
    /// </summary>
    internal StepCoefficients<double> AdamCoefficients()
    {
        double b1 = beta1!.Value, b2 = beta2!.Value;
        return new StepCoefficients<double>
        {
            Decay = 1,
            GradientSign = 1,
            L2 = weight_decay!.Value,
            Beta1 = b1,
            OneMinusBeta1 = 1 - b1,
            Beta2 = b2,
            OneMinusBeta2 = 1 - b2,
            SqrtBiasCorrection2 = 1,
            DenominatorEpsilon = eps!.Value,
        };
    }
}
