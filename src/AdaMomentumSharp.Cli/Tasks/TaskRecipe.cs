using AdaMomentumSharp.Cli.Optimizers;

namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>
/// What the tasks of one family share: the loss they minimize, the metric they are judged by, the training defaults
/// the authors used for the family, and each optimizer family's default learning rate. A new kind of task (CIFAR
/// with its own learning rates, a GAN scored by FID) brings a new recipe instead of adding a case to a switch.
/// </summary>
/// <param name="Family">The family's name, for messages and reports.</param>
/// <param name="TrainingLoss">What the reported training loss is, as reports name it (a GAN reports its discriminator's).</param>
public sealed record TaskRecipe(string Family, TrainingDefaults Defaults, LearningRates LearningRates, ILossFunction Loss, EvaluationMetric Metric,
                                string TrainingLoss = "training loss")
{
    /// <summary>The learning rate <paramref name="spec"/> starts from on this family's tasks.</summary>
    public double DefaultLr(OptimizerSpec spec) => LearningRates.For(spec.Family);
}
