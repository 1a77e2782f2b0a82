using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// Yogi (Zaheer et al., NeurIPS 2018) as the class the AdaMomentum authors compared with (wyzjack/AdaM3,
/// <c>CNN_CIFAR/optimizers/Yogi.py</c>, forked from pytorch-optimizer): Adam whose second moment moves additively,
/// by the sign of its gap to g², and whose moments both start at <c>initial_accumulator</c>.
/// </summary>
/// <remarks>
/// <para>Update rule (per element, step t from 1; g includes the L2 term wd·p):</para>
/// <code>
/// m = β1·m + (1 − β1)·g;   v = v − (1 − β2)·sign(v − g²)·g²;   p -= lr / (1 − β1^t) · m / (sqrt(v) / sqrt(1 − β2^t) + eps)
/// </code>
/// </remarks>
public sealed class Yogi : AdaptiveOptimizer<Yogi.Options, Yogi.State>
{
    /// <summary>Yogi over one group of parameters.</summary>
    /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
    /// <param name="lr">Learning rate ≥ 0 (default 1e-2).</param>
    /// <param name="beta1">Momentum decay, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Second-moment rate, in [0, 1) (default 0.999).</param>
    /// <param name="eps">≥ 0, added to the corrected sqrt(v) (default 1e-3).</param>
    /// <param name="initial_accumulator">≥ 0, the value both moments start from (default 1e-6).</param>
    /// <param name="weight_decay">≥ 0 (default 0), an L2 term.</param>
    /// <param name="non_finite_gradients">What a step does with NaN or infinite gradients (default: throw, updating nothing).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message names it, its value and the range.</exception>
    public Yogi(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null,
                double? initial_accumulator = null, double? weight_decay = null, NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
        : this([new ParamGroup { Parameters = parameters }], lr, beta1, beta2, eps, initial_accumulator, weight_decay, non_finite_gradients)
    {
    }

    /// <summary>Yogi over several parameter groups; anything a group leaves unset takes these defaults.</summary>
    /// <inheritdoc cref="Yogi(IEnumerable{Parameter}, double?, double?, double?, double?, double?, double?, NonFiniteGradients)"/>
    public Yogi(IEnumerable<ParamGroup> groups, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null,
                double? initial_accumulator = null, double? weight_decay = null, NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
        : base(groups, Options.With(lr, beta1, beta2, eps, initial_accumulator, weight_decay), non_finite_gradients)
    {
    }

    /// <inheritdoc/>
    protected override State NewState(Parameter parameter) => new(parameter);

    /// <inheritdoc/>
    private protected override StepCoefficients<double>? FusedCoefficients(ParameterStep step) => Coefficients(step.Options, step.Number);

    /// <summary>Step <paramref name="t"/> resolved once.</summary>
    internal static StepCoefficients<double> Coefficients(Options o, long t)
    {
        double lr = o.LearningRate!.Value, beta1 = o.beta1!.Value, beta2 = o.beta2!.Value;
        return o.AdamCoefficients() with
        {
            SecondMoment = SecondMomentRule.SignedSquaredGradient,
            SqrtBiasCorrection2 = Math.Sqrt(1 - Math.Pow(beta2, t)),
            StepSize = lr / (1 - Math.Pow(beta1, t)),
            Kind = UpdateKind.Adaptive,
        };
    }

    /// <inheritdoc/>
    protected override void Update(ParameterStep step)
    {
        State s = step.State;
        Tensor p = step.Working, g = step.WorkingGradient;
        StepCoefficients<double> c = Coefficients(step.Options, step.Number);
        using Scalar l2 = c.L2.ToScalar(), b1 = c.Beta1.ToScalar(), oneMinusB1 = c.OneMinusBeta1.ToScalar(), negativeOneMinusB2 = (-c.OneMinusBeta2).ToScalar();
        using Scalar sqrtBiasCorrection2 = c.SqrtBiasCorrection2.ToScalar(), eps = c.DenominatorEpsilon.ToScalar(), one = 1.ToScalar();
        using Scalar negativeStepSize = (-c.StepSize).ToScalar();

        if (c.L2 != 0)
        {
            g = g.add(p, alpha: l2);
        }
        s.exp_avg.mul_(b1).add_(g, alpha: oneMinusB1);
        Tensor squared = g.mul(g);
        s.exp_avg_sq.addcmul_(torch.sign(s.exp_avg_sq - squared), squared, value: negativeOneMinusB2);
        Tensor denominator = s.exp_avg_sq.sqrt().div_(sqrtBiasCorrection2).add_(eps, alpha: one);
        p.addcdiv_(s.exp_avg, denominator, value: negativeStepSize);
    }

    /// <summary>A group's hyperparameters, with the authors' class's names.</summary>
    public sealed class Options : AdamOptions
    {
        private static readonly AdaptiveOption[] OptionTable =
        [
            AdaptiveOption.NonNegative("lr", 1e-2),
            AdaptiveOption.Decay("beta1", 0.9),
            AdaptiveOption.Decay("beta2", 0.999),
            AdaptiveOption.NonNegative("eps", 1e-3),
            AdaptiveOption.NonNegative("initial_accumulator", 1e-6),
            AdaptiveOption.NonNegative("weight_decay", 0),
        ];

        /// <summary>Options with every value unset.</summary>
        public Options()
            : base(OptionTable)
        {
        }




        /// <summary>The value both moments start from, ≥ 0 (read when a parameter's state is created).</summary>
        public double? initial_accumulator { get => Number(); set => Set(value); }


        /// <summary>Options with these values; null leaves a value unset, to be filled from the optimizer's defaults.</summary>
        public static Options With(double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null,
                                   double? initial_accumulator = null, double? weight_decay = null) => new()
                                   {
                                       LearningRate = lr,
                                       beta1 = beta1,
                                       beta2 = beta2,
                                       eps = eps,
                                       initial_accumulator = initial_accumulator,
                                       weight_decay = weight_decay,
                                   };
    }

    /// <summary>A group of parameters sharing hyperparameters; unset values take the optimizer's defaults.</summary>
    public sealed class ParamGroup : AdaptiveParamGroup<Options>
    {
        /// <summary>An empty group, to be filled by property initializers.</summary>
        public ParamGroup()
        {
        }

        /// <summary>A group with explicit options (null values take the optimizer's defaults).</summary>
        public ParamGroup(IEnumerable<Parameter> parameters, Options options)
            : base(parameters, options)
        {
        }

        /// <summary>A group with its own hyperparameters; null arguments take the optimizer's defaults.</summary>
        public ParamGroup(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null,
                          double? initial_accumulator = null, double? weight_decay = null)
            : base(parameters, Options.With(lr, beta1, beta2, eps, initial_accumulator, weight_decay))
        {
        }
    }

    /// <summary>Per-parameter state: the step count and the two moments, which start at the group's <c>initial_accumulator</c>.</summary>
    public sealed class State(Parameter parameter) : AdamState(parameter)
    {
        /// <inheritdoc/>
        protected override double InitialValue(OptimizerOptions options) => ((Options)options).initial_accumulator!.Value;
    }
}
