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
        T denominator = T.Sqrt(secondMoment) / c.SqrtBiasCorrection2 + c.DenominatorEpsilon;
        return parameter - c.StepSize * expAvg / denominator;
    }

    public static Vector<T> Apply<T>(Vector<T> parameter, Vector<T> expAvg, Vector<T> secondMoment, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> denominator = Vector.SquareRoot(secondMoment) / c.SqrtBiasCorrection2 + c.DenominatorEpsilon;
        return parameter - c.StepSize * expAvg / denominator;
    }
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
