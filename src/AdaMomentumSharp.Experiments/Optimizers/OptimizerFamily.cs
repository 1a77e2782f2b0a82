namespace AdaMomentumSharp.Experiments.Optimizers;

/// <summary>
/// How an optimizer scales its step, which decides the learning rate it needs: adaptive methods divide by a
/// second-moment estimate and run near 1e-3, momentum SGD does not and needs one about a hundred times larger.
/// </summary>
public enum OptimizerFamily
{
    /// <summary>Adam and its relatives: the step is normalized per element by a second moment.</summary>
    Adaptive,

    /// <summary>SGD with momentum: the step is the (averaged) gradient times the learning rate.</summary>
    Momentum,
}
