using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// RAdam (Liu et al., ICLR 2020) as the class the AdaMomentum authors compared with (wyzjack/AdaM3,
/// <c>CNN_CIFAR/optimizers/RAdam.py</c>, forked from the RAdam authors' code). TorchSharp 0.107's own
/// <c>torch.optim.RAdam</c> multiplies by lr twice in its rectified branch.
/// </summary>
/// <remarks>
/// <para>Update rule (per element, step t from 1; ρ∞ = 2/(1 − β2) − 1, ρt = ρ∞ − 2t·β2^t/(1 − β2^t)):</para>
/// <code>
/// v = β2·v + (1 − β2)·g²;   m = β1·m + (1 − β1)·g
/// ρt ≥ 5:  p += −wd·lr·p;  p −= lr · sqrt((1 − β2^t)(ρt − 4)(ρt − 2)ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)ρt)) / (1 − β1^t) · m / (sqrt(v) + eps)
/// ρt &lt; 5:  with degenerated_to_sgd, p += −wd·lr·p;  p −= lr / (1 − β1^t) · m;  without, p is left as it is
/// </code>
/// <para>Weight decay is decoupled and applied only on the steps that move p, as in that class; with
/// <c>decoupled_weight_decay: false</c> it is an L2 term added to the gradient, as in <c>torch.optim.RAdam</c>'s default.
/// Unlike the class, float64 parameters are stepped in float64 (it casts every parameter to float32); float16 and
/// bfloat16 ones in float32, as it does.</para>
/// </remarks>
public sealed class RAdam : AdaptiveOptimizer<RAdam.Options, RAdam.State>
{
    /// <summary>The ρt at and above which the step is adaptive.</summary>
    public const double RectificationThreshold = 5;

    /// <summary>RAdam over one group of parameters.</summary>
    /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
    /// <param name="lr">Learning rate ≥ 0 (default 1e-3).</param>
    /// <param name="beta1">Momentum decay, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Second-moment decay, in [0, 1) (default 0.999).</param>
    /// <param name="eps">≥ 0, added to sqrt(v) (default 1e-8).</param>
    /// <param name="weight_decay">≥ 0 (default 0), decoupled: <c>p += −wd·lr·p</c> on the steps that move p.</param>
    /// <param name="degenerated_to_sgd">SGD with momentum while ρt &lt; 5 (default true), or no update then.</param>
    /// <param name="decoupled_weight_decay">Decay as the authors' class does (default true), or add <c>wd·p</c> to the gradient (false).</param>
    /// <param name="non_finite_gradients">What a step does with NaN or infinite gradients (default: throw, updating nothing).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message names it, its value and the range.</exception>
    public RAdam(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null,
                 double? weight_decay = null, bool? degenerated_to_sgd = null, bool? decoupled_weight_decay = null,
                 NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
        : this([new ParamGroup { Parameters = parameters }], lr, beta1, beta2, eps, weight_decay, degenerated_to_sgd, decoupled_weight_decay,
               non_finite_gradients)
    {
    }

    /// <summary>RAdam over several parameter groups; anything a group leaves unset takes these defaults.</summary>
    /// <inheritdoc cref="RAdam(IEnumerable{Parameter}, double?, double?, double?, double?, double?, bool?, bool?, NonFiniteGradients)"/>
    public RAdam(IEnumerable<ParamGroup> groups, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null,
                 double? weight_decay = null, bool? degenerated_to_sgd = null, bool? decoupled_weight_decay = null,
                 NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
        : base(groups, Options.With(lr, beta1, beta2, eps, weight_decay, degenerated_to_sgd, decoupled_weight_decay), non_finite_gradients)
    {
    }

    /// <inheritdoc/>
    protected override State NewState(Parameter parameter) => new(parameter);

    /// <inheritdoc/>
    private protected override StepCoefficients<double>? FusedCoefficients(ParameterStep step) => Coefficients(step.Options, step.Number);

    /// <summary>
    /// Step <paramref name="t"/> resolved once: the rectified step size (<see cref="Rectification.StepSize"/>, the one
    /// AdaMomentum's rectified variant uses), and the decoupled decay <c>p += −wd·lr·p</c> only on steps that move p.
    /// </summary>
    internal static StepCoefficients<double> Coefficients(Options o, long t)
    {
        double lr = o.LearningRate!.Value, wd = o.weight_decay!.Value, beta1 = o.beta1!.Value, beta2 = o.beta2!.Value;
        bool decoupled = o.decoupled_weight_decay == true;
        var (kind, stepSize) = Rectification.StepSize(lr, beta1, beta2, t, o.degenerated_to_sgd == true);
        return o.AdamCoefficients() with
        {
            DecayTerm = decoupled && wd != 0 && kind != UpdateKind.None ? -wd * lr : 0,
            L2 = decoupled ? 0 : wd,
            SecondMoment = SecondMomentRule.SquaredGradient,
            StepSize = stepSize,
            Kind = kind,
        };
    }

    /// <inheritdoc/>
    protected override void Update(ParameterStep step)
    {
        State s = step.State;
        Tensor p = step.Working, g = step.WorkingGradient;
        StepCoefficients<double> c = Coefficients(step.Options, step.Number);
        using Scalar b1 = c.Beta1.ToScalar(), oneMinusB1 = c.OneMinusBeta1.ToScalar(), b2 = c.Beta2.ToScalar(), oneMinusB2 = c.OneMinusBeta2.ToScalar();
        using Scalar l2 = c.L2.ToScalar();
        if (c.L2 != 0)
        {
            g = g.add(p, alpha: l2);
        }
        s.exp_avg_sq.mul_(b2).addcmul_(g, g, value: oneMinusB2);
        s.exp_avg.mul_(b1).add_(g, alpha: oneMinusB1);
        if (c.Kind == UpdateKind.None)
        {
            return;
        }
        using Scalar decay = c.DecayTerm.ToScalar(), negativeStepSize = (-c.StepSize).ToScalar(), eps = c.DenominatorEpsilon.ToScalar(), one = 1.ToScalar();
        if (c.DecayTerm != 0)
        {
            p.add_(p, alpha: decay);
        }
        if (c.Kind == UpdateKind.Adaptive)
        {
            Tensor denominator = s.exp_avg_sq.sqrt().add_(eps, alpha: one);
            p.addcdiv_(s.exp_avg, denominator, value: negativeStepSize);
        }
        else
        {
            p.add_(s.exp_avg, alpha: negativeStepSize);
        }
    }

    /// <summary>A group's hyperparameters, with the authors' class's names.</summary>
    public sealed class Options : AdamOptions
    {
        private static readonly AdaptiveOption[] OptionTable =
        [
            AdaptiveOption.NonNegative("lr", 1e-3),
            AdaptiveOption.Decay("beta1", 0.9),
            AdaptiveOption.Decay("beta2", 0.999),
            AdaptiveOption.NonNegative("eps", 1e-8),
            AdaptiveOption.NonNegative("weight_decay", 0),
            AdaptiveOption.Flag("degenerated_to_sgd", true),
            AdaptiveOption.Flag("decoupled_weight_decay", true),
        ];

        /// <summary>Options with every value unset.</summary>
        public Options()
            : base(OptionTable)
        {
        }





        /// <summary>SGD with momentum while ρt &lt; 5 (true), or no update then (false).</summary>
        public bool? degenerated_to_sgd { get => Flag(); set => Set(value); }

        /// <summary>Decay as the authors' class does (true), or add wd·p to the gradient (false).</summary>
        public bool? decoupled_weight_decay { get => Flag(); set => Set(value); }

        /// <summary>Options with these values; null leaves a value unset, to be filled from the optimizer's defaults.</summary>
        public static Options With(double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null, double? weight_decay = null,
                                   bool? degenerated_to_sgd = null, bool? decoupled_weight_decay = null) => new()
                                   {
                                       LearningRate = lr,
                                       beta1 = beta1,
                                       beta2 = beta2,
                                       eps = eps,
                                       weight_decay = weight_decay,
                                       degenerated_to_sgd = degenerated_to_sgd,
                                       decoupled_weight_decay = decoupled_weight_decay,
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
                          double? weight_decay = null, bool? degenerated_to_sgd = null, bool? decoupled_weight_decay = null)
            : base(parameters, Options.With(lr, beta1, beta2, eps, weight_decay, degenerated_to_sgd, decoupled_weight_decay))
        {
        }
    }

    /// <summary>Per-parameter state: the step count and the two moments.</summary>
    public sealed class State(Parameter parameter) : AdamState(parameter)
    {
    }
}
