using AdaMomentumSharp.Experiments.Optimizers;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// What the tasks of one family share: the loss they minimize, the metric they are judged by, the training defaults
/// the authors used for the family, and each optimizer family's default learning rate. A new kind of task (CIFAR
/// with its own learning rates, a GAN scored by FID) brings a new recipe instead of adding a case to a switch.
/// </summary>
/// <param name="Family">The family's name, for messages and reports.</param>
/// <param name="TrainingLoss">What the reported training loss is, as reports name it (a GAN reports its discriminator's).</param>
/// <param name="AuthorsSettings">Each optimizer's own settings in the authors' scripts, by optimizer name and layers; null: none differ from the defaults.</param>
public sealed record TaskRecipe(string Family, TrainingDefaults Defaults, LearningRates LearningRates, ILossFunction Loss, EvaluationMetric Metric,
                                string TrainingLoss = "training loss", Func<string, int, AuthorsSetting>? AuthorsSettings = null)
{
    /// <summary>The learning rate <paramref name="spec"/> starts from on this family's tasks.</summary>
    public double DefaultLr(OptimizerSpec spec) => LearningRates.For(spec.Family);

    /// <summary>What the authors' scripts set differently for <paramref name="optimizer"/> on a model of <paramref name="layers"/> layers.</summary>
    public AuthorsSetting Authors(string optimizer, int layers) => AuthorsSettings?.Invoke(optimizer, layers) ?? AuthorsSetting.None;
}
