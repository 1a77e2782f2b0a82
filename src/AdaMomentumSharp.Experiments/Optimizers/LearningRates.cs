namespace AdaMomentumSharp.Experiments.Optimizers;

/// <summary>A default learning rate for each <see cref="OptimizerFamily"/>, as one setting (a task family, a test function) chooses them.</summary>
public sealed record LearningRates(double Adaptive, double Momentum)
{
    public double For(OptimizerFamily family) => family switch
    {
        OptimizerFamily.Adaptive => Adaptive,
        OptimizerFamily.Momentum => Momentum,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Must be Adaptive or Momentum."),
    };
}
