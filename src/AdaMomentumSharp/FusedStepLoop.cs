using System.Numerics;
using System.Runtime.CompilerServices;

namespace AdaMomentumSharp;

/// <summary>
/// The one pass over memory: reads p, g, m, v (and vmax), writes p, m, v (and vmax), element by element,
/// SIMD-wide with a scalar tail. Vector and scalar forms perform the same IEEE operations in the same order,
/// so any split of a buffer into ranges gives bit-identical results.
/// </summary>
internal static unsafe class FusedStepLoop
{
    /// <summary>Steps elements [<paramref name="start"/>, <paramref name="end"/>) of one buffer.</summary>
    public static void Run<T>(in StepWork<T> work, long start, long end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        StepCoefficients<T> c = work.Coefficients;
        switch (c.Kind, c.TracksMaximum, c.DividesByMaximum)
        {
            case (UpdateKind.Adaptive, false, _): Run<T, AdaptiveUpdate, CurrentSecondMoment>(work, start, end); break;
            case (UpdateKind.Adaptive, true, true): Run<T, AdaptiveUpdate, RunningMaxSecondMoment>(work, start, end); break;
            case (UpdateKind.Adaptive, true, false): Run<T, AdaptiveUpdate, TrackedMaxSecondMoment>(work, start, end); break;
            case (UpdateKind.MomentumOnly, false, _): Run<T, MomentumOnlyUpdate, CurrentSecondMoment>(work, start, end); break;
            case (UpdateKind.MomentumOnly, true, _): Run<T, MomentumOnlyUpdate, TrackedMaxSecondMoment>(work, start, end); break;
            case (UpdateKind.None, false, _): Run<T, NoUpdate, CurrentSecondMoment>(work, start, end); break;
            case (UpdateKind.None, true, _): Run<T, NoUpdate, TrackedMaxSecondMoment>(work, start, end); break;
        }
    }

    // Optimized from the first call: tier-0 code for this generic loop is tens of times slower, and an optimizer's
    // first few hundred steps would otherwise pay for it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<T, TUpdate, TSecondMoment>(in StepWork<T> work, long start, long end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TUpdate : struct, IParameterUpdate
        where TSecondMoment : struct, ISecondMomentSource
    {
        BufferStep<T> b = work.Buffers;
        T* p = b.Parameters, g = b.Gradients, m = b.ExpAvg, v = b.ExpAvgSq, vmax = b.MaxExpAvgSq;
        long i = start;

        if (Vector.IsHardwareAccelerated)
        {
            var c = new VectorCoefficients<T>(work.Coefficients);
            int width = Vector<T>.Count;
            for (; i <= end - width; i += width)
            {
                Vector<T> parameter = Vector.Load(p + i) * c.Decay;
                Vector<T> gradient = FusedMultiplyAdd.Of(c.L2, parameter, c.GradientSign * Vector.Load(g + i));
                Vector<T> expAvg = FusedMultiplyAdd.Of(gradient, c.OneMinusBeta1, c.Beta1 * Vector.Load(m + i));
                Vector<T> expAvgSq = FusedMultiplyAdd.Of(c.OneMinusBeta2 * expAvg, expAvg, c.Beta2 * Vector.Load(v + i)) + c.StoredEpsilon;
                Vector<T> secondMoment = TSecondMoment.Select(expAvgSq, vmax + i);
                TUpdate.Apply(parameter, expAvg, secondMoment, c).Store(p + i);
                expAvg.Store(m + i);
                expAvgSq.Store(v + i);
            }
        }

        StepCoefficients<T> s = work.Coefficients;
        for (; i < end; i++)
        {
            T parameter = p[i] * s.Decay;
            T gradient = T.FusedMultiplyAdd(s.L2, parameter, s.GradientSign * g[i]);
            T expAvg = T.FusedMultiplyAdd(gradient, s.OneMinusBeta1, s.Beta1 * m[i]);
            T expAvgSq = T.FusedMultiplyAdd(s.OneMinusBeta2 * expAvg, expAvg, s.Beta2 * v[i]) + s.StoredEpsilon;
            T secondMoment = TSecondMoment.Select(expAvgSq, vmax + i);
            p[i] = TUpdate.Apply(parameter, expAvg, secondMoment, s);
            m[i] = expAvg;
            v[i] = expAvgSq;
        }
    }
}
