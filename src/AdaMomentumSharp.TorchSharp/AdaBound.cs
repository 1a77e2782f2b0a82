using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// AdaBound (Luo et al., ICLR 2019) as the <c>adabound</c> package's class, which the AdaMomentum authors' script
/// imports: Adam whose per-element step size is clipped to bounds that close in on a final SGD rate.
/// </summary>
/// <remarks>
/// <para>Update rule (per element, step t from 1; g includes the L2 term wd·p; lr₀ is the group's initial lr, so a
/// scheduler scales the final rate with lr):</para>
/// <code>
/// m = β1·m + (1 − β1)·g;   v = β2·v + (1 − β2)·g²   (vmax = max(vmax, v) with amsbound, used in place of v)
/// f = final_lr·lr/lr₀;   η = clamp(lr·sqrt(1 − β2^t)/(1 − β1^t) / (sqrt(v) + eps), f·(1 − 1/(γt + 1)), f·(1 + 1/(γt)))
/// p -= η·m
/// </code>
/// </remarks>
public sealed class AdaBound : AdaptiveOptimizer<AdaBound.Options, AdaBound.State>
{
    /// <summary>AdaBound over one group of parameters.</summary>
    /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
    /// <param name="lr">Adam's learning rate ≥ 0 (default 1e-3).</param>
    /// <param name="beta1">Momentum decay, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Second-moment decay, in [0, 1) (default 0.999).</param>
    /// <param name="final_lr">The SGD rate both bounds approach, ≥ 0 (default 0.1).</param>
    /// <param name="gamma">How fast the bounds close, in [0, 1) (default 1e-3).</param>
    /// <param name="eps">≥ 0, added to sqrt(v) (default 1e-8).</param>
    /// <param name="weight_decay">≥ 0 (default 0), an L2 term.</param>
    /// <param name="amsbound">Use the running maximum of v (AMSBound); default false.</param>
    /// <param name="non_finite_gradients">What a step does with NaN or infinite gradients (default: throw, updating nothing).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message names it, its value and the range.</exception>
    public AdaBound(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null, double? final_lr = null,
                    double? gamma = null, double? eps = null, double? weight_decay = null, bool? amsbound = null,
                    NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
        : this([new ParamGroup { Parameters = parameters }], lr, beta1, beta2, final_lr, gamma, eps, weight_decay, amsbound, non_finite_gradients)
    {
    }

    /// <summary>AdaBound over several parameter groups; anything a group leaves unset takes these defaults.</summary>
    /// <inheritdoc cref="AdaBound(IEnumerable{Parameter}, double?, double?, double?, double?, double?, double?, double?, bool?, NonFiniteGradients)"/>
    public AdaBound(IEnumerable<ParamGroup> groups, double? lr = null, double? beta1 = null, double? beta2 = null, double? final_lr = null,
                    double? gamma = null, double? eps = null, double? weight_decay = null, bool? amsbound = null,
                    NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
        : base(groups, Options.With(lr, beta1, beta2, final_lr, gamma, eps, weight_decay, amsbound), non_finite_gradients)
    {
    }

    /// <inheritdoc/>
    protected override State NewState(Parameter parameter) => new(parameter);

    /// <inheritdoc/>
    private protected override StepCoefficients<double>? FusedCoefficients(ParameterStep step) => Coefficients(step.Options, step.Number);

    /// <summary>Step <paramref name="t"/> resolved once: the step size and both bounds, scaled by lr / lr₀.</summary>
    internal static StepCoefficients<double> Coefficients(Options o, long t)
    {
        double lr = o.LearningRate!.Value, beta1 = o.beta1!.Value, beta2 = o.beta2!.Value, gamma = o.gamma!.Value;
        double biasCorrection1 = 1 - Math.Pow(beta1, t), biasCorrection2 = 1 - Math.Pow(beta2, t);
        double finalLr = o.final_lr!.Value * lr / o.InitialLearningRate;
        bool amsbound = o.amsbound == true;
        return o.AdamCoefficients() with
        {
            SecondMoment = SecondMomentRule.SquaredGradient,
            TracksMaximum = amsbound,
            DividesByMaximum = amsbound,
            StepSize = lr * Math.Sqrt(biasCorrection2) / biasCorrection1,
            LowerBound = finalLr * (1 - 1 / (gamma * t + 1)),
            UpperBound = finalLr * (1 + 1 / (gamma * t)),
            Kind = UpdateKind.Bounded,
        };
    }

    /// <inheritdoc/>
    protected override void Update(ParameterStep step)
    {
        State s = step.State;
        Tensor p = step.Working, g = step.WorkingGradient;
        StepCoefficients<double> c = Coefficients(step.Options, step.Number);
        using Scalar l2 = c.L2.ToScalar(), b1 = c.Beta1.ToScalar(), oneMinusB1 = c.OneMinusBeta1.ToScalar(), b2 = c.Beta2.ToScalar(), oneMinusB2 = c.OneMinusBeta2.ToScalar();
        using Scalar eps = c.DenominatorEpsilon.ToScalar(), one = 1.ToScalar(), stepSize = c.StepSize.ToScalar();
        using Scalar lower = c.LowerBound.ToScalar(), upper = c.UpperBound.ToScalar();

        if (c.L2 != 0)
        {
            g = g.add(p, alpha: l2);
        }
        s.exp_avg.mul_(b1).add_(g, alpha: oneMinusB1);
        s.exp_avg_sq.mul_(b2).addcmul_(g, g, value: oneMinusB2);
        Tensor second = s.exp_avg_sq;
        if (c.TracksMaximum)
        {
            second = s.max_exp_avg_sq ??= s.ZeroMoment();
            second.copy_(torch.maximum(second, s.exp_avg_sq));
        }
        Tensor denominator = second.sqrt().add_(eps, alpha: one);
        Tensor update = torch.full_like(denominator, stepSize).div_(denominator).clamp_(lower, upper).mul_(s.exp_avg);
        p.sub_(update);
    }

    /// <summary>A group's hyperparameters, with the <c>adabound</c> package's names.</summary>
    public sealed class Options : AdamOptions
    {
        private static readonly AdaptiveOption[] OptionTable =
        [
            AdaptiveOption.NonNegative("lr", 1e-3),
            AdaptiveOption.Decay("beta1", 0.9),
            AdaptiveOption.Decay("beta2", 0.999),
            AdaptiveOption.NonNegative("final_lr", 0.1),
            AdaptiveOption.Decay("gamma", 1e-3),
            AdaptiveOption.NonNegative("eps", 1e-8),
            AdaptiveOption.NonNegative("weight_decay", 0),
            AdaptiveOption.Flag("amsbound", false),
        ];

        /// <summary>Options with every value unset.</summary>
        public Options()
            : base(OptionTable)
        {
        }



        /// <summary>The SGD rate both bounds approach, ≥ 0.</summary>
        public double? final_lr { get => Number(); set => Set(value); }

        /// <summary>How fast the bounds close, in [0, 1).</summary>
        public double? gamma { get => Number(); set => Set(value); }



        /// <summary>Use the running maximum of v.</summary>
        public bool? amsbound { get => Flag(); set => Set(value); }

        /// <summary>Options with these values; null leaves a value unset, to be filled from the optimizer's defaults.</summary>
        public static Options With(double? lr = null, double? beta1 = null, double? beta2 = null, double? final_lr = null, double? gamma = null,
                                   double? eps = null, double? weight_decay = null, bool? amsbound = null) => new()
                                   {
                                       LearningRate = lr,
                                       beta1 = beta1,
                                       beta2 = beta2,
                                       final_lr = final_lr,
                                       gamma = gamma,
                                       eps = eps,
                                       weight_decay = weight_decay,
                                       amsbound = amsbound,
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
        public ParamGroup(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null, double? final_lr = null,
                          double? gamma = null, double? eps = null, double? weight_decay = null, bool? amsbound = null)
            : base(parameters, Options.With(lr, beta1, beta2, final_lr, gamma, eps, weight_decay, amsbound))
        {
        }
    }

    /// <summary>Per-parameter state: the step count, the two moments and (AMSBound) the maximum of v.</summary>
    public sealed class State(Parameter parameter) : AdamState(parameter)
    {
        /// <inheritdoc/>
        protected override bool KeepsMaximum(OptimizerOptions options) => ((Options)options).amsbound == true;
    }
}
