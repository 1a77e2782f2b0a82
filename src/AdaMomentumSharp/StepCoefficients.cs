using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>How the parameter moves once the moments are updated.</summary>
public enum UpdateKind
{
    /// <summary><c>p -= stepSize · m / (sqrt(v̂) / sqrtBiasCorrection2 + denominatorEpsilon)</c>.</summary>
    Adaptive,

    /// <summary><c>p -= stepSize · m</c>: the rectified variant's SGD-with-momentum warm-up.</summary>
    MomentumOnly,

    /// <summary>p keeps its (decayed) value: the rectified warm-up with <c>DegeneratedToSgd</c> off.</summary>
    None,

    /// <summary><c>p -= clamp(stepSize / (sqrt(v̂) / sqrtBiasCorrection2 + denominatorEpsilon), lower, upper) · m</c>: AdaBound.</summary>
    Bounded,
}

/// <summary>
/// Every option of one step resolved into plain coefficients, in the element type, so that the hot loop does arithmetic
/// only and tests no option per element. Public for implementations of the same update elsewhere (tensor operations on
/// a GPU, say): per element, <c>p *= Decay; p += DecayTerm·p; g = GradientSign·grad + L2·p; m = Beta1·m + OneMinusBeta1·g;
/// v = Beta2·v + OneMinusBeta2·m·m + StoredEpsilon</c> (or another <see cref="SecondMoment"/> rule);
/// <c>vmax = max(vmax, v) + MaximumEpsilon when TracksMaximum</c>, then by <see cref="Kind"/>:
/// <c>p -= StepSize·m / (sqrt(DividesByMaximum ? vmax : v) / SqrtBiasCorrection2 + DenominatorEpsilon)</c>,
/// <c>p -= StepSize·m</c>, nothing, or AdaBound's clamped step between <see cref="LowerBound"/> and <see cref="UpperBound"/>.
/// The defaults of the members AdaMomentum does not use (<see cref="SecondMoment"/>, <see cref="DecayTerm"/>,
/// <see cref="MaximumEpsilon"/>, the bounds) leave its update as it is; the other optimizers of the family set them.
/// </summary>
/// <typeparam name="T">The arithmetic's type: <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly struct StepCoefficients<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Multiplies p before anything else: 1 − lr·wd (or 1 − wd, fixed) with decoupled decay, else 1 (exact).</summary>
    public T Decay { get; init; }

    /// <summary>−1 when maximizing, else 1.</summary>
    public T GradientSign { get; init; }

    /// <summary>wd in L2 mode, else 0.</summary>
    public T L2 { get; init; }

    /// <summary>β1.</summary>
    public T Beta1 { get; init; }

    /// <summary>1 − β1.</summary>
    public T OneMinusBeta1 { get; init; }

    /// <summary>β2.</summary>
    public T Beta2 { get; init; }

    /// <summary>1 − β2.</summary>
    public T OneMinusBeta2 { get; init; }

    /// <summary>eps, stored into v on every step, rectified or not (the official code adds it before branching).</summary>
    public T StoredEpsilon { get; init; }

    /// <summary>sqrt(1 − β2^t); 1 in the rectified variant, whose step size carries the correction.</summary>
    public T SqrtBiasCorrection2 { get; init; }

    /// <summary>0; eps in the rectified variant, which adds it after the square root too.</summary>
    public T DenominatorEpsilon { get; init; }

    /// <summary>lr / (1 − β1^t), or lr · r_t in the rectified variant.</summary>
    public T StepSize { get; init; }

    /// <summary>How p moves at this step.</summary>
    public UpdateKind Kind { get; init; }

    /// <summary>What v tracks; AdaMomentum's squared momentum by default.</summary>
    public SecondMomentRule SecondMoment { get; init; }

    /// <summary>
    /// −lr·wd added as <c>p += DecayTerm·p</c> (RAdam's decoupled decay, rounded once as its <c>p.add_(p, alpha)</c>), else 0.
    /// </summary>
    public T DecayTerm { get; init; }

    /// <summary>eps added to vmax after the maximum (AdaBelief's AMSGrad, which stores it there rather than in v), else 0.</summary>
    public T MaximumEpsilon { get; init; }

    /// <summary>The smallest per-element step size of a <see cref="UpdateKind.Bounded"/> update.</summary>
    public T LowerBound { get; init; }

    /// <summary>The largest per-element step size of a <see cref="UpdateKind.Bounded"/> update.</summary>
    public T UpperBound { get; init; }

    /// <summary>Keep vmax = max(vmax, v) (AmsGrad).</summary>
    public bool TracksMaximum { get; init; }

    /// <summary>Divide by vmax instead of v: AmsGrad outside the rectified variant.</summary>
    public bool DividesByMaximum { get; init; }

    /// <summary>Resolves validated options at step <paramref name="step"/> (1-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option that is valid in float64 does not fit <typeparamref name="T"/>:
    /// a coefficient overflows, or a positive eps rounds to zero. Named as the property.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is neither float nor double.</exception>
    public static StepCoefficients<T> For(AdaMomentumOptions options, long step) => For(options, step, OptionNames.DotNet);

    /// <inheritdoc cref="For(AdaMomentumOptions, long)"/>
    /// <param name="options">Validated options.</param>
    /// <param name="step">The step, from 1.</param>
    /// <param name="names">Which name an error gives the option that does not fit.</param>
    public static StepCoefficients<T> For(AdaMomentumOptions options, long step, OptionNames names)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        RequireFloatOrDouble();
        double lr = options.LearningRate, beta1 = options.Beta1, beta2 = options.Beta2, eps = options.Epsilon;
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double beta2PowT = Math.Pow(beta2, step);
        double biasCorrection2 = 1 - beta2PowT;
        bool decoupled = options.DecoupledWeightDecay;
        double decay = !decoupled ? 1 : options.FixedDecay ? 1 - options.WeightDecay : 1 - lr * options.WeightDecay;

        var kind = UpdateKind.Adaptive;
        double stepSize = lr / biasCorrection1;
        double sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2);
        double denominatorEpsilon = 0;
        if (options.Rectify)
        {
            (kind, stepSize) = Rectification.StepSize(lr, beta1, beta2, step, options.DegeneratedToSgd);
            sqrtBiasCorrection2 = 1;
            denominatorEpsilon = eps;
        }

        // The learning rate must fit even on steps that do not use it, so that a schedule cannot fail later.
        var (learningRate, weightDecay, epsilon) = (Option(nameof(options.LearningRate), names), Option(nameof(options.WeightDecay), names),
                                                    Option(nameof(options.Epsilon), names));
        Fit(lr, learningRate, lr, "the learning rate");
        return new StepCoefficients<T>
        {
            Decay = Fit(decay, weightDecay, options.WeightDecay, "the decay factor"),
            GradientSign = options.Maximize ? T.NegativeOne : T.One,
            L2 = Fit(decoupled ? 0 : options.WeightDecay, weightDecay, options.WeightDecay, "the L2 coefficient"),
            Beta1 = T.CreateTruncating(beta1),
            OneMinusBeta1 = T.CreateTruncating(1 - beta1),
            Beta2 = T.CreateTruncating(beta2),
            OneMinusBeta2 = T.CreateTruncating(1 - beta2),
            StoredEpsilon = Fit(eps, epsilon, eps, "eps"),
            SqrtBiasCorrection2 = T.CreateTruncating(sqrtBiasCorrection2),
            DenominatorEpsilon = T.CreateTruncating(denominatorEpsilon),
            StepSize = Fit(stepSize, learningRate, lr, $"the step size at step {step}"),
            Kind = kind,
            TracksMaximum = options.AmsGrad,
            DividesByMaximum = options.AmsGrad && !options.Rectify,
        };
    }

    /// <summary>
    /// <paramref name="source"/> in <typeparamref name="T"/>, each number rounded to nearest: what LibTorch does with a
    /// double Scalar passed to an operation on float tensors, so an optimizer that resolves its step in double and runs
    /// it in float32 rounds as its tensor operations do. Nothing is checked: an overflow or underflow carries through.
    /// </summary>
    public static StepCoefficients<T> RoundedFrom(in StepCoefficients<double> source) => new()
    {
        Decay = T.CreateTruncating(source.Decay),
        GradientSign = T.CreateTruncating(source.GradientSign),
        L2 = T.CreateTruncating(source.L2),
        Beta1 = T.CreateTruncating(source.Beta1),
        OneMinusBeta1 = T.CreateTruncating(source.OneMinusBeta1),
        Beta2 = T.CreateTruncating(source.Beta2),
        OneMinusBeta2 = T.CreateTruncating(source.OneMinusBeta2),
        StoredEpsilon = T.CreateTruncating(source.StoredEpsilon),
        SqrtBiasCorrection2 = T.CreateTruncating(source.SqrtBiasCorrection2),
        DenominatorEpsilon = T.CreateTruncating(source.DenominatorEpsilon),
        StepSize = T.CreateTruncating(source.StepSize),
        Kind = source.Kind,
        TracksMaximum = source.TracksMaximum,
        DividesByMaximum = source.DividesByMaximum,
        SecondMoment = source.SecondMoment,
        DecayTerm = T.CreateTruncating(source.DecayTerm),
        MaximumEpsilon = T.CreateTruncating(source.MaximumEpsilon),
        LowerBound = T.CreateTruncating(source.LowerBound),
        UpperBound = T.CreateTruncating(source.UpperBound),
    };

    /// <summary>The kernel's loops are written and tested for float32 and float64 only.</summary>
    internal static void RequireFloatOrDouble()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"AdaMomentum steps float and double elements, not {typeof(T).Name}.");
        }
    }

    private static string Option(string property, OptionNames names) => AdaMomentumOptions.Describe(property).NameIn(names);

    /// <summary>
    /// <paramref name="value"/> in <typeparamref name="T"/>, refusing what the type cannot hold: an overflow to
    /// infinity, or a positive value that rounds to zero (eps = 1e-50 in float32 would make 0/0 of untouched elements).
    /// </summary>
    private static T Fit(double value, string option, double optionValue, string what)
    {
        T fitted = T.CreateTruncating(value);
        if (!T.IsFinite(fitted))
        {
            throw new ArgumentOutOfRangeException(option, optionValue,
                $"{option} = {optionValue} makes {what} {value}, beyond {typeof(T).Name}'s largest finite value {T.BitDecrement(T.PositiveInfinity)}.");
        }
        if (value != 0 && fitted == T.Zero)
        {
            throw new ArgumentOutOfRangeException(option, optionValue,
                $"{option} = {optionValue} makes {what} {value}, which rounds to 0 in {typeof(T).Name} " +
                $"(its smallest positive value is {T.Epsilon}); use 0 or a value the type can hold.");
        }
        return fitted;
    }
}
