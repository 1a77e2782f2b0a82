using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>The last line of the update: how p moves given the new momentum and second moment.</summary>
internal interface IParameterUpdate
{
    static abstract T Apply<T>(T parameter, T expAvg, T secondMoment, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>;

    static abstract Vector<T> Apply<T>(Vector<T> parameter, Vector<T> expAvg, Vector<T> secondMoment, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary>
/// <c>p − stepSize · m / (sqrt(v̂) / sqrt(1 − β2^t) + epsDen)</c>, in the official code's order of operations
/// (denominator first, then one addcdiv), so float32 results round like PyTorch's.
/// </summary>
internal readonly struct AdaptiveUpdate : IParameterUpdate
{
    public static T Apply<T>(T parameter, T expAvg, T secondMoment, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return parameter - c.StepSize * expAvg / Denominator(secondMoment, c);
    }

    /// <summary><c>sqrt(v̂) / sqrt(1 − β2^t) + epsDen</c>: the adaptive and the bounded steps divide by it.</summary>
    public static T Denominator<T>(T secondMoment, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => T.Sqrt(secondMoment) / c.SqrtBiasCorrection2 + c.DenominatorEpsilon;

    public static Vector<T> Apply<T>(Vector<T> parameter, Vector<T> expAvg, Vector<T> secondMoment, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        return parameter - c.StepSize * expAvg / Denominator(secondMoment, c);
    }

    /// <inheritdoc cref="Denominator{T}(T, in StepCoefficients{T})"/>
    public static Vector<T> Denominator<T>(Vector<T> secondMoment, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => Vector.SquareRoot(secondMoment) / c.SqrtBiasCorrection2 + c.DenominatorEpsilon;
}

/// <summary>
/// <c>p − stepSize · m</c>: SGD with momentum, the rectified variant's warm-up, rounded once as PyTorch's
/// <c>p.add_(m, alpha=−stepSize)</c> rounds it.
/// </summary>
internal readonly struct MomentumOnlyUpdate : IParameterUpdate
{
    public static T Apply<T>(T parameter, T expAvg, T secondMoment, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => T.FusedMultiplyAdd(expAvg, -c.StepSize, parameter);

    public static Vector<T> Apply<T>(Vector<T> parameter, Vector<T> expAvg, Vector<T> secondMoment, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => FusedMultiplyAdd.Of(expAvg, -c.StepSize, parameter);
}

/// <summary>p keeps its decayed value: the rectified warm-up without SGD (<c>DegeneratedToSgd</c> off).</summary>
internal readonly struct NoUpdate : IParameterUpdate
{
    public static T Apply<T>(T parameter, T expAvg, T secondMoment, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => parameter;

    public static Vector<T> Apply<T>(Vector<T> parameter, Vector<T> expAvg, Vector<T> secondMoment, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => parameter;
}

/// <summary>
/// <c>p − clamp(stepSize / denominator, lower, upper) · m</c>: AdaBound's step, in its order of operations (a full
/// tensor of the step size divided by the denominator, clamped as LibTorch clamps, <c>min(max(x, lower), upper)</c>
/// with NaN kept, then multiplied by m and subtracted).
/// </summary>
internal readonly struct BoundedUpdate : IParameterUpdate
{
    public static T Apply<T>(T parameter, T expAvg, T secondMoment, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T stepSize = T.Min(T.Max(c.StepSize / AdaptiveUpdate.Denominator(secondMoment, c), c.LowerBound), c.UpperBound);
        return parameter - stepSize * expAvg;
    }

    public static Vector<T> Apply<T>(Vector<T> parameter, Vector<T> expAvg, Vector<T> secondMoment, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> stepSize = Vector.Min(Vector.Max(c.StepSize / AdaptiveUpdate.Denominator(secondMoment, c), c.LowerBound), c.UpperBound);
        return parameter - stepSize * expAvg;
    }
}
