namespace AdaMomentumSharp;

/// <summary>
/// RAdam's variance rectification (Liu et al., 2020), as the authors' AdaM3 class computes it: ρ∞ = 2/(1−β2) − 1 and
/// ρt = ρ∞ − 2tβ2^t/(1−β2^t). While ρt is small the variance estimate is untrustworthy and the step is plain momentum;
/// after, the adaptive step is scaled by sqrt((1−β2^t)(ρt−4)(ρt−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρt)). Public so that any optimizer
/// that rectifies (RAdam itself, for one) uses this one implementation.
/// </summary>
public static class Rectification
{
    /// <summary>ρt below which AdaM3 takes momentum steps (RAdam in PyTorch uses ρt ≤ 5).</summary>
    public const double Threshold = 5;

    /// <summary>ρt, the length of the approximated simple moving average, at step <paramref name="step"/> (from 1).</summary>
    public static double Rho(double beta2, long step)
    {
        RequireValid(beta2, step);
        double beta2PowT = Math.Pow(beta2, step);
        return RhoInfinity(beta2) - 2 * step * beta2PowT / (1 - beta2PowT);
    }

    /// <summary>
    /// sqrt((1−β2^t)(ρt−4)(ρt−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρt)): the rectifier times the square root of β2's bias correction,
    /// grouped as the official code groups it so that results agree to the last bit. Meaningful for ρt &gt; 4.
    /// </summary>
    public static double AdaptiveScale(double beta2, long step)
    {
        double beta2PowT = Math.Pow(beta2, step), rhoInf = RhoInfinity(beta2), rhoT = Rho(beta2, step);
        return Math.Sqrt((1 - beta2PowT) * (rhoT - 4) / (rhoInf - 4) * (rhoT - 2) / rhoT * rhoInf / (rhoInf - 2));
    }

    /// <summary>
    /// The update kind and the step size (lr included) of the rectified step at <paramref name="step"/>, as AdaMomentum's
    /// rectified variant and RAdam take it: adaptive from ρt ≥ <see cref="Threshold"/>, else momentum only (or nothing
    /// without <paramref name="degeneratedToSgd"/>).
    /// </summary>
    public static (UpdateKind Kind, double StepSize) StepSize(double lr, double beta1, double beta2, long step, bool degeneratedToSgd)
    {
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        if (Rho(beta2, step) < Threshold)
        {
            return degeneratedToSgd ? (UpdateKind.MomentumOnly, 1 / biasCorrection1 * lr) : (UpdateKind.None, 0);
        }
        return (UpdateKind.Adaptive, AdaptiveScale(beta2, step) / biasCorrection1 * lr);
    }

    private static double RhoInfinity(double beta2) => 2 / (1 - beta2) - 1;

    private static void RequireValid(double beta2, long step)
    {
        if (!(beta2 >= 0 && beta2 < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, $"beta2 = {beta2} must be in [0, 1).");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
    }
}
