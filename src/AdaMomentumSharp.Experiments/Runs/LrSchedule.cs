using TorchSharp;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>The per-epoch learning-rate schedules a comparison can use.</summary>
public static class LrSchedule
{
    public static readonly string[] Names = ["step", "cosine", "cifar-step", "ptb-step", "none"];

    /// <summary>
    /// step: ×0.1 once, at 75 % of the epochs (the default); cosine: cosine annealing to 0 over the epochs;
    /// cifar-step: ×0.2 at 30 %, 60 % and 80 % of the epochs; ptb-step: ×0.1 at 50 % and 72.5 %
    /// (<see cref="FractionalStepDecay"/>); none.
    /// </summary>
    public static torch.optim.lr_scheduler.LRScheduler? Create(string name, torch.optim.Optimizer optimizer, int epochs) => name switch
    {
        "step" => torch.optim.lr_scheduler.MultiStepLR(optimizer, [Math.Max(1, (int)Math.Round(0.75 * epochs))], gamma: 0.1),
        "cosine" => torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, epochs),
        "cifar-step" => torch.optim.lr_scheduler.LambdaLR(optimizer, epoch => FractionalStepDecay.Cifar.Factor(epoch, epochs)),
        "ptb-step" => torch.optim.lr_scheduler.LambdaLR(optimizer, epoch => FractionalStepDecay.PennTreebank.Factor(epoch, epochs)),
        "none" => null,
        _ => throw new ArgumentException($"Unknown schedule '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
    };
}
