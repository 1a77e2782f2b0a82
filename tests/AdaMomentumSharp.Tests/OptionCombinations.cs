namespace AdaMomentumSharp.Tests;

/// <summary>Every combination of the kernel's switches, on two sets of betas.</summary>
public static class OptionCombinations
{
    public static IEnumerable<AdaMomentumOptions> All()
    {
        foreach ((double lr, double beta1, double beta2) in new[] { (1e-3, 0.9, 0.999), (0.05, 0.5, 0.9) })
        foreach (double weightDecay in new[] { 0.0, 0.05 })
        foreach ((bool decoupled, bool fixedDecay) in new[] { (false, false), (true, false), (true, true) })
        foreach ((bool amsGrad, bool rectify, bool sgdWarmUp) in new[] { (false, false, true), (true, false, true), (false, true, true), (true, true, true), (false, true, false) })
        foreach (bool maximize in new[] { false, true })
        foreach (double eps in new[] { 1e-16, 1e-8 })
        {
            yield return new AdaMomentumOptions
            {
                LearningRate = lr,
                Beta1 = beta1,
                Beta2 = beta2,
                Epsilon = eps,
                WeightDecay = weightDecay,
                DecoupledWeightDecay = decoupled,
                FixedDecay = fixedDecay,
                DegeneratedToSgd = sgdWarmUp,
                AmsGrad = amsGrad,
                Rectify = rectify,
                Maximize = maximize,
            };
        }
    }
}
