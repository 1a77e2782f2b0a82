namespace AdaMomentumSharp;

/// <summary>
/// What the second moment v tracks, per element; each rule then adds <see cref="StepCoefficients{T}.StoredEpsilon"/>.
/// The rules differ only in this line of the update, so one fused pass serves every optimizer of the family.
/// </summary>
public enum SecondMomentRule
{
    /// <summary><c>v = β2·v + (1 − β2)·m·m</c>: AdaMomentum, the average of the squared momentum.</summary>
    SquaredMomentum,

    /// <summary><c>v = β2·v + (1 − β2)·g·g</c>: Adam's, as RAdam and AdaBound keep it.</summary>
    SquaredGradient,

    /// <summary><c>v = β2·v + (1 − β2)·(g − m)·(g − m)</c>: AdaBelief, the variance of g around the new momentum.</summary>
    SquaredResidual,

    /// <summary><c>v = v − (1 − β2)·sign(v − g·g)·g·g</c>: Yogi's additive step towards g·g.</summary>
    SignedSquaredGradient,
}
