using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>
/// Which second moment feeds the denominator: the current v, or its running maximum (AMSGrad); the rectified variant
/// keeps the maximum but divides by v, as the official code does.
/// </summary>
internal unsafe interface ISecondMomentSource
{
    static abstract T Select<T>(T expAvgSq, T* maxExpAvgSq, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>;

    static abstract Vector<T> Select<T>(Vector<T> expAvgSq, T* maxExpAvgSq, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>;
}

internal readonly unsafe struct CurrentSecondMoment : ISecondMomentSource
{
    public static T Select<T>(T expAvgSq, T* maxExpAvgSq, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => expAvgSq;

    public static Vector<T> Select<T>(Vector<T> expAvgSq, T* maxExpAvgSq, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => expAvgSq;
}

/// <summary>Updates and returns vmax = max(vmax, v).</summary>
internal readonly unsafe struct RunningMaxSecondMoment : ISecondMomentSource
{
    public static T Select<T>(T expAvgSq, T* maxExpAvgSq, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.Max(*maxExpAvgSq, expAvgSq);
        *maxExpAvgSq = max;
        return max;
    }

    public static Vector<T> Select<T>(Vector<T> expAvgSq, T* maxExpAvgSq, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> max = Vector.Max(Vector.Load(maxExpAvgSq), expAvgSq);
        max.Store(maxExpAvgSq);
        return max;
    }
}

/// <summary>
/// Updates and returns vmax = max(vmax, v) + eps: AdaBelief's AMSGrad, which stores eps into the maximum rather than
/// into v (a separate operator, so that AdaMomentum's maximum gets no extra addition).
/// </summary>
internal readonly unsafe struct ShiftedRunningMaxSecondMoment : ISecondMomentSource
{
    public static T Select<T>(T expAvgSq, T* maxExpAvgSq, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.Max(*maxExpAvgSq, expAvgSq) + c.MaximumEpsilon;
        *maxExpAvgSq = max;
        return max;
    }

    public static Vector<T> Select<T>(Vector<T> expAvgSq, T* maxExpAvgSq, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector<T> max = Vector.Max(Vector.Load(maxExpAvgSq), expAvgSq) + c.MaximumEpsilon;
        max.Store(maxExpAvgSq);
        return max;
    }
}

/// <summary>Updates vmax = max(vmax, v) but returns v: AmsGrad in the rectified variant.</summary>
internal readonly unsafe struct TrackedMaxSecondMoment : ISecondMomentSource
{
    public static T Select<T>(T expAvgSq, T* maxExpAvgSq, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RunningMaxSecondMoment.Select(expAvgSq, maxExpAvgSq, c);
        return expAvgSq;
    }

    public static Vector<T> Select<T>(Vector<T> expAvgSq, T* maxExpAvgSq, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RunningMaxSecondMoment.Select(expAvgSq, maxExpAvgSq, c);
        return expAvgSq;
    }
}
