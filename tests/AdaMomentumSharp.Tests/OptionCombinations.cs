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

    /// <summary>Every option of <see cref="AdaMomentumOptions.All"/> at an allowed value other than its default.</summary>
    public static AdaMomentumOptions EveryOptionChanged() =>
        AdaMomentumOptions.All.Aggregate(new AdaMomentumOptions(), (options, option) => option.With(options, Changed(option)));

    /// <summary>An allowed value of <paramref name="option"/> other than its default: a flag flipped, a number halved or raised by 0.25.</summary>
    public static double Changed(AdaMomentumOption option) => option.Kind == OptionKind.Flag
        ? 1 - option.Default
        : new[] { option.Default / 2, option.Default + 0.25 }.First(value => value != option.Default && option.Allows(value));
}
