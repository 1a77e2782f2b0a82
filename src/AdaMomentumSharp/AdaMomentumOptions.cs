namespace AdaMomentumSharp;

/// <summary>
/// Hyperparameters of AdaMomentum, with the semantics of the authors' class (wyzjack/AdaM3,
/// <c>CNN_CIFAR/optimizers/AdaM3.py</c>). Defaults are that class's (lr 1e-3, betas 0.9 and 0.999, eps 1e-16, no
/// weight decay, no rectification, SGD warm-up when rectified) except <see cref="DecoupledWeightDecay"/>, false here as in
/// <c>torch.optim.Adam</c> and in the authors' own CNN and LSTM recipes.
/// </summary>
/// <remarks>
/// Instances are immutable; derive variants with <c>options with { LearningRate = 1e-4 }</c>.
/// Call <see cref="Validate()"/> (every step entry point does) to reject out-of-range values.
/// </remarks>
public sealed record AdaMomentumOptions
{
    /// <summary>Step size, lr ≥ 0. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decay of the first moment (momentum), 0 ≤ β1 &lt; 1. Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay of the second moment (the average of squared momentum), 0 ≤ β2 &lt; 1. Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>
    /// eps ≥ 0, added to the stored second moment every step, rectified or not; the rectified variant's adaptive
    /// step adds it once more after the square root, as the official code does. Default 1e-16, the official
    /// default; the paper's CNN experiments use 1e-8. With eps = 0 an element whose gradient has always been
    /// exactly zero divides 0 by 0, exactly as the official code does.
    /// </summary>
    public double Epsilon { get; init; } = 1e-16;

    /// <summary>Weight decay coefficient ≥ 0. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// When true, decay is decoupled as in AdamW (<c>p *= 1 − lr·wd</c> before the update); when false
    /// (default) it is an L2 term added to the gradient (<c>g += wd·p</c>).
    /// </summary>
    public bool DecoupledWeightDecay { get; init; }

    /// <summary>
    /// With <see cref="DecoupledWeightDecay"/>, decay by a fixed factor that ignores the learning rate
    /// (<c>p *= 1 − wd</c>), the authors' <c>fixed_decay</c>. Ignored in L2 mode. Default false.
    /// </summary>
    public bool FixedDecay { get; init; }

    /// <summary>Use the running maximum of the second moment (AMSGrad). Default false.</summary>
    public bool AmsGrad { get; init; }

    /// <summary>Ascend instead of descend: the gradient is negated. Default false.</summary>
    public bool Maximize { get; init; }

    /// <summary>
    /// The official code's RAdam-style rectified variant: SGD with momentum while the variance estimate is
    /// unreliable (ρt &lt; 5), a rectified adaptive step after. With <see cref="AmsGrad"/> the running maximum is
    /// still kept, but the rectified step divides by the current second moment, as the official code does.
    /// Default false, as in all the paper's CNN experiments.
    /// </summary>
    public bool Rectify { get; init; }

    /// <summary>
    /// In the rectified variant, whether the steps with ρt &lt; 5 are SGD with momentum (true, the authors'
    /// <c>degenerated_to_sgd</c> default) or leave the parameters unmoved (false; moments and decay still apply).
    /// Ignored unless <see cref="Rectify"/>.
    /// </summary>
    public bool DegeneratedToSgd { get; init; } = true;

    /// <summary>
    /// Every option, described once: the core state format saves each under its first name (kept if a property is
    /// renamed), the TorchSharp package spells it and saves it under PyTorch's, and <see cref="Validate(OptionNames)"/>
    /// checks each range. An option added to this record gets its line here.
    /// </summary>
    public static IReadOnlyList<AdaMomentumOption> All { get; } =
    [
        AdaMomentumOption.Number("LearningRate", "lr", AdaMomentumOption.Range.NonNegative, o => o.LearningRate, (o, v) => o with { LearningRate = v }),
        AdaMomentumOption.Number("Beta1", "beta1", AdaMomentumOption.Range.Decay, o => o.Beta1, (o, v) => o with { Beta1 = v }),
        AdaMomentumOption.Number("Beta2", "beta2", AdaMomentumOption.Range.Decay, o => o.Beta2, (o, v) => o with { Beta2 = v }),
        AdaMomentumOption.Number("Epsilon", "eps", AdaMomentumOption.Range.NonNegative, o => o.Epsilon, (o, v) => o with { Epsilon = v }),
        AdaMomentumOption.Number("WeightDecay", "weight_decay", AdaMomentumOption.Range.NonNegative, o => o.WeightDecay, (o, v) => o with { WeightDecay = v }),
        AdaMomentumOption.Flag("DecoupledWeightDecay", "decoupled_weight_decay", o => o.DecoupledWeightDecay, (o, v) => o with { DecoupledWeightDecay = v }),
        AdaMomentumOption.Flag("FixedDecay", "fixed_decay", o => o.FixedDecay, (o, v) => o with { FixedDecay = v }, valueWhenAbsent: false),
        AdaMomentumOption.Flag("AmsGrad", "amsgrad", o => o.AmsGrad, (o, v) => o with { AmsGrad = v }),
        AdaMomentumOption.Flag("Maximize", "maximize", o => o.Maximize, (o, v) => o with { Maximize = v }),
        AdaMomentumOption.Flag("Rectify", "rectify", o => o.Rectify, (o, v) => o with { Rectify = v }),
        AdaMomentumOption.Flag("DegeneratedToSgd", "degenerated_to_sgd", o => o.DegeneratedToSgd, (o, v) => o with { DegeneratedToSgd = v },
                               valueWhenAbsent: true),
    ];

    /// <summary>The description of the option whose .NET property is <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No option has that name.</exception>
    public static AdaMomentumOption Describe(string name) =>
        All.FirstOrDefault(option => option.Name == name) ??
        throw new ArgumentException($"AdaMomentum has no option named '{name}'; the options are {string.Join(", ", All)}.", nameof(name));

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first property outside its allowed range, its value and the range.</summary>
    public void Validate() => Validate(OptionNames.DotNet);

    /// <summary>
    /// Throws <see cref="ArgumentOutOfRangeException"/> naming the first option outside its allowed range, its value and
    /// the range.
    /// </summary>
    /// <param name="names">Whether the exception names the property (<c>Beta1</c>) or PyTorch's argument (<c>beta1</c>).</param>
    public void Validate(OptionNames names)
    {
        foreach (AdaMomentumOption option in All)
        {
            option.Check(option.Get(this), names);
        }
    }
}
