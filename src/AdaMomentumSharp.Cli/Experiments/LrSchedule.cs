using TorchSharp;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>The per-epoch learning-rate schedules a comparison can use.</summary>
public static class LrSchedule
{
    public static readonly string[] Names = ["step", "cosine", "none"];

    /// <summary>
    /// step: ×0.1 once, at 75 % of the epochs (the default); cosine: cosine annealing to 0 over the epochs; none.
    /// </summary>
    public static torch.optim.lr_scheduler.LRScheduler? Create(string name, torch.optim.Optimizer optimizer, int epochs) => name switch
    {
        "step" => torch.optim.lr_scheduler.MultiStepLR(optimizer, [Math.Max(1, (int)Math.Round(0.75 * epochs))], gamma: 0.1),
        "cosine" => torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs),
        "none" => null,
        _ => throw new ArgumentException($"Unknown schedule '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
    };
}
