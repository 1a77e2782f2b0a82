using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>How the parameter moves once the moments are updated.</summary>
internal enum UpdateKind
{
    /// <summary><c>p -= stepSize · m / (sqrt(v̂) / sqrtBiasCorrection2 + denominatorEpsilon)</c>.</summary>
    Adaptive,

    /// <summary><c>p -= stepSize · m</c>: the rectified variant's SGD-with-momentum warm-up.</summary>
    MomentumOnly,
}

/// <summary>
/// Every option of one step resolved into plain coefficients, in the element type, so that the hot loop
/// does arithmetic only and tests no option per element.
/// </summary>
internal readonly struct StepCoefficients<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Multiplies p before anything else: 1 − lr·wd with decoupled decay, else 1 (exact).</summary>
    public T Decay { get; init; }

    /// <summary>−1 when maximizing, else 1.</summary>
    public T GradientSign { get; init; }

    /// <summary>wd in L2 mode, else 0.</summary>
    public T L2 { get; init; }

    public T Beta1 { get; init; }

    public T OneMinusBeta1 { get; init; }

    public T Beta2 { get; init; }

    public T OneMinusBeta2 { get; init; }

    /// <summary>eps, stored into v every step; 0 in the rectified variant, which adds eps after the root.</summary>
    public T StoredEpsilon { get; init; }

    /// <summary>sqrt(1 − β2^t); 1 in the rectified variant, whose step size carries the correction.</summary>
    public T SqrtBiasCorrection2 { get; init; }

    /// <summary>0; eps in the rectified variant.</summary>
    public T DenominatorEpsilon { get; init; }

    /// <summary>lr / (1 − β1^t), or lr · r_t in the rectified variant.</summary>
    public T StepSize { get; init; }

    public UpdateKind Kind { get; init; }

    public bool AmsGrad { get; init; }

    /// <summary>Resolves validated options at step <paramref name="step"/> (1-based).</summary>
    public static StepCoefficients<T> For(AdaMomentumOptions options, long step)
    {
        double lr = options.LearningRate, beta1 = options.Beta1, beta2 = options.Beta2, eps = options.Epsilon;
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double beta2PowT = Math.Pow(beta2, step);
        double biasCorrection2 = 1 - beta2PowT;
        bool decoupled = options.DecoupledWeightDecay;

        var kind = UpdateKind.Adaptive;
        double stepSize = lr / biasCorrection1;
        double sqrtBiasCorrection2 = Math.Sqrt(biasCorrection2);
        double storedEpsilon = eps, denominatorEpsilon = 0;
        if (options.Rectify)
        {
            (kind, stepSize) = RectifiedStepSize(lr, beta2, beta2PowT, biasCorrection1, step);
            sqrtBiasCorrection2 = 1;
            storedEpsilon = 0;
            denominatorEpsilon = eps;
        }

        return new StepCoefficients<T>
        {
            Decay = T.CreateTruncating(decoupled ? 1 - lr * options.WeightDecay : 1),
            GradientSign = options.Maximize ? T.NegativeOne : T.One,
            L2 = T.CreateTruncating(decoupled ? 0 : options.WeightDecay),
            Beta1 = T.CreateTruncating(beta1),
            OneMinusBeta1 = T.CreateTruncating(1 - beta1),
            Beta2 = T.CreateTruncating(beta2),
            OneMinusBeta2 = T.CreateTruncating(1 - beta2),
            StoredEpsilon = T.CreateTruncating(storedEpsilon),
            SqrtBiasCorrection2 = T.CreateTruncating(sqrtBiasCorrection2),
            DenominatorEpsilon = T.CreateTruncating(denominatorEpsilon),
            StepSize = T.CreateTruncating(stepSize),
            Kind = kind,
            AmsGrad = options.AmsGrad,
        };
    }

    /// <summary>
    /// RAdam's rectification: ρ∞ = 2/(1−β2) − 1, ρt = ρ∞ − 2tβ2^t/(1−β2^t). Below ρt = 5 the variance
    /// estimate is untrustworthy and the step is plain momentum; above, the adaptive step is scaled by r_t.
    /// </summary>
    private static (UpdateKind Kind, double StepSize) RectifiedStepSize(
        double lr, double beta2, double beta2PowT, double biasCorrection1, long step)
    {
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * step * beta2PowT / (1 - beta2PowT);
        if (rhoT < 5)
        {
            return (UpdateKind.MomentumOnly, 1 / biasCorrection1 * lr);
        }
        double rectification = Math.Sqrt(
            (1 - beta2PowT) * (rhoT - 4) / (rhoInf - 4) * (rhoT - 2) / rhoT * rhoInf / (rhoInf - 2)) / biasCorrection1;
        return (UpdateKind.Adaptive, rectification * lr);
    }
}
