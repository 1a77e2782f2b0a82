namespace AdaMomentumSharp;

/// <summary>What a step does when a gradient element is NaN or infinite.</summary>
public enum NonFiniteGradients
{
    /// <summary>
    /// Scan the gradients before touching anything and throw <see cref="NonFiniteGradientException"/>
    /// naming the first bad element; parameters and optimizer state stay exactly as they were.
    /// </summary>
    Throw = 0,

    /// <summary>
    /// Scan the gradients; if any element is non-finite, skip the whole step (parameters, moments and the
    /// step count stay as they were) and report it through the step's return value. Useful with loss scaling.
    /// </summary>
    Skip = 1,

    /// <summary>
    /// No scan, no cost: a non-finite gradient flows into the parameters and moments, as in PyTorch.
    /// </summary>
    Ignore = 2,
}
