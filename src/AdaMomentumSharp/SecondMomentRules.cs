using System.Numerics;
using System.Runtime.CompilerServices;

namespace AdaMomentumSharp;

/// <summary>
/// The second-moment line of the update (<see cref="SecondMomentRule"/>): the new v from the old one, the gradient and
/// the new momentum, in each optimizer's own order of operations (its <c>mul_</c> then <c>addcmul_</c>, which LibTorch
/// rounds as one multiply-add), plus the stored eps.
/// </summary>
internal interface ISecondMomentRule
{
    static abstract T Update<T>(T expAvgSq, T gradient, T expAvg, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>;

    static abstract Vector<T> Update<T>(Vector<T> expAvgSq, Vector<T> gradient, Vector<T> expAvg, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// <c>β2·v + (1 − β2)·x·x + eps</c>, rounded as <c>v.mul_(β2).addcmul_(x, x, value=1 − β2)</c> then <c>add_(eps)</c>:
/// the one average of a square that three rules take of different x.
/// </summary>
internal static class SquaredAverage
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Of<T>(T expAvgSq, T x, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => T.FusedMultiplyAdd(c.OneMinusBeta2 * x, x, c.Beta2 * expAvgSq) + c.StoredEpsilon;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Of<T>(Vector<T> expAvgSq, Vector<T> x, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => FusedMultiplyAdd.Of(c.OneMinusBeta2 * x, x, c.Beta2 * expAvgSq) + c.StoredEpsilon;
}

/// <summary><c>v = β2·v + (1 − β2)·m·m + eps</c>: AdaMomentum.</summary>
internal readonly struct SquaredMomentum : ISecondMomentRule
{
    public static T Update<T>(T expAvgSq, T gradient, T expAvg, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => SquaredAverage.Of(expAvgSq, expAvg, c);

    public static Vector<T> Update<T>(Vector<T> expAvgSq, Vector<T> gradient, Vector<T> expAvg, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => SquaredAverage.Of(expAvgSq, expAvg, c);
}

/// <summary><c>v = β2·v + (1 − β2)·g·g + eps</c>: Adam's second moment, as RAdam and AdaBound keep it (their eps is 0 here).</summary>
internal readonly struct SquaredGradient : ISecondMomentRule
{
    public static T Update<T>(T expAvgSq, T gradient, T expAvg, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => SquaredAverage.Of(expAvgSq, gradient, c);

    public static Vector<T> Update<T>(Vector<T> expAvgSq, Vector<T> gradient, Vector<T> expAvg, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => SquaredAverage.Of(expAvgSq, gradient, c);
}

/// <summary><c>v = β2·v + (1 − β2)·(g − m)² + eps</c>: AdaBelief, with m the new momentum.</summary>
internal readonly struct SquaredResidual : ISecondMomentRule
{
    public static T Update<T>(T expAvgSq, T gradient, T expAvg, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => SquaredAverage.Of(expAvgSq, gradient - expAvg, c);

    public static Vector<T> Update<T>(Vector<T> expAvgSq, Vector<T> gradient, Vector<T> expAvg, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => SquaredAverage.Of(expAvgSq, gradient - expAvg, c);
}

/// <summary>
/// <c>v = v − (1 − β2)·sign(v − g²)·g² + eps</c>: Yogi. The sign is LibTorch's, <c>(0 &lt; x) − (x &lt; 0)</c>, so 0 for
/// NaN as for ±0; the factor −(1 − β2)·sign is exact, and the rest rounds once as its <c>addcmul_</c> does.
/// </summary>
internal readonly struct SignedSquaredGradient : ISecondMomentRule
{
    public static T Update<T>(T expAvgSq, T gradient, T expAvg, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T squared = gradient * gradient, gap = expAvgSq - squared;
        T sign = (gap > T.Zero ? T.One : T.Zero) - (gap < T.Zero ? T.One : T.Zero);
        return T.FusedMultiplyAdd(-c.OneMinusBeta2 * sign, squared, expAvgSq) + c.StoredEpsilon;
    }

    public static Vector<T> Update<T>(Vector<T> expAvgSq, Vector<T> gradient, Vector<T> expAvg, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> squared = gradient * gradient, gap = expAvgSq - squared;
        Vector<T> sign = Vector.ConditionalSelect(Vector.GreaterThan(gap, Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero)
                         - Vector.ConditionalSelect(Vector.LessThan(gap, Vector<T>.Zero), Vector<T>.One, Vector<T>.Zero);
        return FusedMultiplyAdd.Of(-c.OneMinusBeta2 * sign, squared, expAvgSq) + c.StoredEpsilon;
    }
}
