namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// One optimizer's settings in the authors' scripts for a task family where they differ from the recipe's defaults;
/// null: the recipe's. eps is part of the optimizer's definition (AdaMomentum stores it into its second moment every
/// step), so every protocol uses it; the rate and weight decay only the authors' protocol (<c>--protocol authors</c>).
/// </summary>
public sealed record AuthorsSetting(double? Lr = null, double? Eps = null, double? WeightDecay = null)
{
    public static AuthorsSetting None { get; } = new();
}
