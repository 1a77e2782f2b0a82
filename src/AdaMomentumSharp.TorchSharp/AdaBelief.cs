using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// AdaBelief (Zhuang et al., NeurIPS 2020) as the class the AdaMomentum authors compared with (wyzjack/AdaM3,
/// <c>CNN_CIFAR/optimizers/AdaBelief.py</c>): Adam whose second moment averages the squared deviation of the gradient
/// from its mean, with that class's options and defaults.
/// </summary>
/// <remarks>
/// <para>Update rule (per element, step t from 1; eps is stored into s, or into the AMSGrad maximum, every step):</para>
/// <code>
/// m = β1·m + (1 − β1)·g;   s = β2·s + (1 − β2)·(g − m)²;   s += eps (or smax = max(smax, s) + eps)
/// p -= lr / (1 − β1^t) · m / (sqrt(s) / sqrt(1 − β2^t) + eps)
/// </code>
/// <para>With <c>rectify</c>, the step is scaled by RAdam's rt once ρt &gt; 4 and is <c>p -= lr·m</c> before.
/// Unlike the authors' class, an L2 term is added to a copy of the gradient, not to <c>p.grad</c> in place.</para>
/// </remarks>
public sealed class AdaBelief : AdaptiveOptimizer<AdaBelief.Options, AdaBelief.State>
{
    /// <summary>AdaBelief over one group of parameters.</summary>
    /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
    /// <param name="lr">Learning rate ≥ 0 (default 1e-3).</param>
    /// <param name="beta1">Momentum decay, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Decay of the gradient's variance, in [0, 1) (default 0.999).</param>
    /// <param name="eps">≥ 0, stored into the variance each step and added to its square root (default 1e-8, the class's).</param>
    /// <param name="weight_decay">≥ 0 (default 0); an L2 term unless <paramref name="weight_decouple"/>.</param>
    /// <param name="amsgrad">Divide by the running maximum of the variance; default false.</param>
    /// <param name="weight_decouple">Decay weights as AdamW does (<c>p *= 1 − lr·wd</c>); default false.</param>
    /// <param name="fixed_decay">With decoupled decay, <c>p *= 1 − wd</c> regardless of lr; default false.</param>
    /// <param name="rectify">RAdam's rectification; default false.</param>
    /// <param name="non_finite_gradients">What a step does with NaN or infinite gradients (default: throw, updating nothing).</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message names it, its value and the range.</exception>
    public AdaBelief(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null,
                     double? weight_decay = null, bool? amsgrad = null, bool? weight_decouple = null, bool? fixed_decay = null,
                     bool? rectify = null, NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
        : this([new ParamGroup { Parameters = parameters }], lr, beta1, beta2, eps, weight_decay, amsgrad, weight_decouple, fixed_decay, rectify,
               non_finite_gradients)
    {
    }

    /// <summary>AdaBelief over several parameter groups; anything a group leaves unset takes these defaults.</summary>
    /// <inheritdoc cref="AdaBelief(IEnumerable{Parameter}, double?, double?, double?, double?, double?, bool?, bool?, bool?, bool?, NonFiniteGradients)"/>
    public AdaBelief(IEnumerable<ParamGroup> groups, double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null,
                     double? weight_decay = null, bool? amsgrad = null, bool? weight_decouple = null, bool? fixed_decay = null,
                     bool? rectify = null, NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
        : base(groups, Options.With(lr, beta1, beta2, eps, weight_decay, amsgrad, weight_decouple, fixed_decay, rectify), non_finite_gradients)
    {
    }

    /// <inheritdoc/>
    protected override State NewState(Parameter parameter) => new(parameter);

    /// <inheritdoc/>
    private protected override StepCoefficients<double>? FusedCoefficients(ParameterStep step) => Coefficients(step.Options, step.Number);

    /// <summary>
    /// Step <paramref name="t"/> resolved once: eps is stored into s, or with AMSGrad into the maximum; the rectified
    /// step is scaled by rt once ρt &gt; 4 and is <c>p -= lr·m</c> (no bias correction) before, as in the authors' class.
    /// </summary>
    internal static StepCoefficients<double> Coefficients(Options o, long t)
    {
        double lr = o.LearningRate!.Value, wd = o.weight_decay!.Value, beta1 = o.beta1!.Value, beta2 = o.beta2!.Value, eps = o.eps!.Value;
        bool decouple = o.weight_decouple == true, amsgrad = o.amsgrad == true;
        double biasCorrection1 = 1 - Math.Pow(beta1, t), biasCorrection2 = 1 - Math.Pow(beta2, t);
        var (kind, stepSize) = (UpdateKind.Adaptive, lr / biasCorrection1);
        if (o.rectify == true)
        {
            double rhoInfinity = 2.0 / (1.0 - beta2) - 1.0;
            double rho = rhoInfinity - 2 * t * Math.Pow(beta2, t) / (1.0 - Math.Pow(beta2, t));
            double rt = Math.Sqrt((rho - 4.0) * (rho - 2.0) * rhoInfinity / (rhoInfinity - 4.0) / (rhoInfinity - 2.0) / rho);
            (kind, stepSize) = rho > 4 ? (UpdateKind.Adaptive, rt * lr / biasCorrection1) : (UpdateKind.MomentumOnly, lr);
        }
        return o.AdamCoefficients() with
        {
            Decay = !decouple ? 1 : o.fixed_decay == true ? 1.0 - wd : 1.0 - lr * wd,
            L2 = decouple ? 0 : wd,
            SecondMoment = SecondMomentRule.SquaredResidual,
            StoredEpsilon = amsgrad ? 0 : eps,
            MaximumEpsilon = amsgrad ? eps : 0,
            TracksMaximum = amsgrad,
            DividesByMaximum = amsgrad,
            SqrtBiasCorrection2 = Math.Sqrt(biasCorrection2),
            StepSize = stepSize,
            Kind = kind,
        };
    }

    /// <inheritdoc/>
    protected override void Update(ParameterStep step)
    {
        Options o = step.Options;
        State s = step.State;
        Tensor p = step.Working, g = step.WorkingGradient;
        StepCoefficients<double> c = Coefficients(o, step.Number);
        using Scalar decay = c.Decay.ToScalar(), l2 = c.L2.ToScalar();
        using Scalar b1 = c.Beta1.ToScalar(), oneMinusB1 = c.OneMinusBeta1.ToScalar(), b2 = c.Beta2.ToScalar(), oneMinusB2 = c.OneMinusBeta2.ToScalar();
        using Scalar eps = c.DenominatorEpsilon.ToScalar(), sqrtBiasCorrection2 = c.SqrtBiasCorrection2.ToScalar(), one = 1.ToScalar();
        using Scalar negativeStepSize = (-c.StepSize).ToScalar();

        if (o.weight_decouple == true)
        {
            p.mul_(decay);
        }
        else if (c.L2 != 0)
        {
            g = g.add(p, alpha: l2);
        }
        s.exp_avg.mul_(b1).add_(g, alpha: oneMinusB1);
        Tensor residual = g.sub(s.exp_avg);
        s.exp_avg_var.mul_(b2).addcmul_(residual, residual, value: oneMinusB2);
        Tensor second = s.exp_avg_var;
        if (c.TracksMaximum)
        {
            second = s.max_exp_avg_var ??= s.ZeroMoment();
            second.copy_(torch.maximum(second, s.exp_avg_var));
        }
        Tensor denominator = second.add_(eps, alpha: one).sqrt().div_(sqrtBiasCorrection2).add_(eps, alpha: one);
        if (c.Kind == UpdateKind.Adaptive)
        {
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
            AdaptiveOption.Flag("amsgrad", false),
            AdaptiveOption.Flag("weight_decouple", false),
            AdaptiveOption.Flag("fixed_decay", false),
            AdaptiveOption.Flag("rectify", false),
        ];

        /// <summary>Options with every value unset.</summary>
        public Options()
            : base(OptionTable)
        {
        }





        /// <summary>Divide by the running maximum of the variance.</summary>
        public bool? amsgrad { get => Flag(); set => Set(value); }

        /// <summary>Decay weights as AdamW does instead of adding an L2 term.</summary>
        public bool? weight_decouple { get => Flag(); set => Set(value); }

        /// <summary>With decoupled decay, decay by 1 − wd regardless of lr.</summary>
        public bool? fixed_decay { get => Flag(); set => Set(value); }

        /// <summary>RAdam's rectification.</summary>
        public bool? rectify { get => Flag(); set => Set(value); }

        /// <summary>Options with these values; null leaves a value unset, to be filled from the optimizer's defaults.</summary>
        public static Options With(double? lr = null, double? beta1 = null, double? beta2 = null, double? eps = null, double? weight_decay = null,
                                   bool? amsgrad = null, bool? weight_decouple = null, bool? fixed_decay = null, bool? rectify = null) => new()
                                   {
                                       LearningRate = lr,
                                       beta1 = beta1,
                                       beta2 = beta2,
                                       eps = eps,
                                       weight_decay = weight_decay,
                                       amsgrad = amsgrad,
                                       weight_decouple = weight_decouple,
                                       fixed_decay = fixed_decay,
                                       rectify = rectify,
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
                          double? weight_decay = null, bool? amsgrad = null, bool? weight_decouple = null, bool? fixed_decay = null, bool? rectify = null)
            : base(parameters, Options.With(lr, beta1, beta2, eps, weight_decay, amsgrad, weight_decouple, fixed_decay, rectify))
        {
        }
    }

    /// <summary>Per-parameter state: the step count, the mean m and the variance s of the gradient, and (AMSGrad) the maximum of s.</summary>
    public sealed class State(Parameter parameter) : AdaptiveState(parameter)
    {
        private static readonly Slot[] Slots = [new("exp_avg"), new("exp_avg_var"), new("max_exp_avg_var", Optional: true)];

        /// <summary>First moment m.</summary>
        public Tensor exp_avg = null!;

        /// <summary>Variance s of the gradient around m.</summary>
        public Tensor exp_avg_var = null!;

        /// <summary>Running maximum of s (plus eps each step); null until AMSGrad first steps.</summary>
        public Tensor? max_exp_avg_var;

        /// <inheritdoc/>
        protected override IReadOnlyList<Slot> Moments => Slots;

        /// <summary>Zeroes the step count and the moments (the maximum only with AMSGrad).</summary>
        public override void Initialize(OptimizerOptions options)
        {
            Dispose();
            step = 0;
            exp_avg = ZeroMoment();
            exp_avg_var = ZeroMoment();
            max_exp_avg_var = ((Options)options).amsgrad == true ? ZeroMoment() : null;
        }

        /// <inheritdoc/>
        protected override Tensor? GetMoment(int slot) => slot switch { 0 => exp_avg, 1 => exp_avg_var, _ => max_exp_avg_var };

        /// <inheritdoc/>
        protected override void SetMoment(int slot, Tensor? value)
        {
            switch (slot)
            {
                case 0: exp_avg = value!; break;
                case 1: exp_avg_var = value!; break;
                default: max_exp_avg_var = value; break;
            }
        }
    }
}
