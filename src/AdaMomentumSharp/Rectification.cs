namespace AdaMomentumSharp;

/// <summary>
/// RAdam's variance rectification as the official AdaM3 code computes it: ρ∞ = 2/(1−β2) − 1,
/// ρt = ρ∞ − 2tβ2^t/(1−β2^t). While ρt &lt; 5 the variance estimate is untrustworthy and the step is plain momentum
/// (or none); after, the adaptive step is scaled by
/// r_t = sqrt((1−β2^t)(ρt−4)(ρt−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρt)) / (1−β1^t).
/// </summary>
internal static class Rectification
{
    /// <summary>The update kind and the step size (lr included) at step <paramref name="step"/> (1-based).</summary>
    public static (UpdateKind Kind, double StepSize) StepSize(double lr, double beta1, double beta2, long step, bool degeneratedToSgd)
    {
        double beta2PowT = Math.Pow(beta2, step);
        double biasCorrection1 = 1 - Math.Pow(beta1, step);
        double rhoInf = 2 / (1 - beta2) - 1;
        double rhoT = rhoInf - 2 * step * beta2PowT / (1 - beta2PowT);
        if (rhoT < 5)
        {
            return degeneratedToSgd ? (UpdateKind.MomentumOnly, 1 / biasCorrection1 * lr) : (UpdateKind.None, 0);
        }
        // Grouped as the official code groups it, so that float64 results agree to the last bits.
        double rectification = Math.Sqrt(
            (1 - beta2PowT) * (rhoT - 4) / (rhoInf - 4) * (rhoT - 2) / rhoT * rhoInf / (rhoInf - 2)) / biasCorrection1;
        return (UpdateKind.Adaptive, rectification * lr);
    }
}
