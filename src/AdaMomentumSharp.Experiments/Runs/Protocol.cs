using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// How a comparison sets each optimizer. Under both protocols each optimizer takes the eps the authors' scripts give it
/// (eps is part of AdaMomentum's definition: it is stored into the second moment every step). The tuned protocol
/// gives every optimizer the recipe's weight decay and its family's rate, to be tuned on validation with --lr-grid; the
/// authors' protocol sets rate and weight decay as their scripts do (their CIFAR Adam has no weight decay, their
/// word-level LSTM rates differ by optimizer and depth). --lr, --eps and --weight-decay override either.
/// </summary>
public static class Protocol
{
    public const string Tuned = "tuned", Authors = "authors";

    public static IReadOnlyList<string> Names { get; } = [Tuned, Authors];

    /// <summary>The learning rate <paramref name="spec"/> starts from (before any --lr-grid factor), unless --lr sets it.</summary>
    public static double BaseLr(TaskRecipe recipe, ExperimentSettings settings, OptimizerSpec spec) =>
        (settings.Protocol == Authors ? recipe.Authors(spec.Name, settings.Layers).Lr : null) ?? recipe.DefaultLr(spec);

    /// <summary>The eps and weight decay <paramref name="optimizer"/> runs with (eps null for an optimizer without one).</summary>
    public static (double? Eps, double WeightDecay) Settings(TaskRecipe recipe, ExperimentSettings settings, OptimizerSpec optimizer)
    {
        var (eps, weightDecay) = Settings(recipe, settings, optimizer.Name);
        return (optimizer.HasEps ? eps : null, weightDecay);
    }

    /// <summary>The eps and weight decay the optimizer called <paramref name="optimizer"/> runs with.</summary>
    public static (double Eps, double WeightDecay) Settings(TaskRecipe recipe, ExperimentSettings settings, string optimizer)
    {
        AuthorsSetting authors = recipe.Authors(optimizer, settings.Layers);
        double eps = NamedValues.Find(settings.EpsOverrides, optimizer) ?? authors.Eps ?? settings.Eps;
        double weightDecay = NamedValues.Find(settings.WeightDecayOverrides, optimizer)
                             ?? (settings.Protocol == Authors ? authors.WeightDecay : null) ?? settings.WeightDecay;
        return (eps, weightDecay);
    }
}
