using System.Numerics;
using System.Runtime.CompilerServices;

namespace AdaMomentumSharp;

/// <summary>
/// The one pass over memory: reads p, g, m, v (and vmax), writes p, m, v (and vmax), element by element,
/// SIMD-wide with a scalar tail. Vector and scalar forms perform the same IEEE operations in the same order,
/// so any split of a buffer into ranges gives bit-identical results. Every optimizer of the family runs this loop:
/// its lines that differ (decay, second moment, which second moment divides, how p moves) are operator structs
/// chosen from the step's coefficients once per range, never per element.
/// </summary>
internal static unsafe class FusedStepLoop
{
    /// <summary>Steps elements [<paramref name="start"/>, <paramref name="end"/>) of one buffer.</summary>
    public static void Run<T>(in StepWork<T> work, long start, long end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (work.Coefficients.DecayTerm != T.Zero)
        {
            WithDecay<T, AddedDecay>(work, start, end);
        }
        else
        {
            WithDecay<T, MultipliedDecay>(work, start, end);
        }
    }

    private static void WithDecay<T, TDecay>(in StepWork<T> work, long start, long end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDecay : struct, IParameterDecay
    {
        switch (work.Coefficients.SecondMoment)
        {
            case SecondMomentRule.SquaredMomentum: WithRule<T, TDecay, SquaredMomentum>(work, start, end); break;
            case SecondMomentRule.SquaredGradient: WithRule<T, TDecay, SquaredGradient>(work, start, end); break;
            case SecondMomentRule.SquaredResidual: WithRule<T, TDecay, SquaredResidual>(work, start, end); break;
            case SecondMomentRule.SignedSquaredGradient: WithRule<T, TDecay, SignedSquaredGradient>(work, start, end); break;
        }
    }

    private static void WithRule<T, TDecay, TRule>(in StepWork<T> work, long start, long end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDecay : struct, IParameterDecay
        where TRule : struct, ISecondMomentRule
    {
        StepCoefficients<T> c = work.Coefficients;
        switch (c.TracksMaximum, c.DividesByMaximum, c.MaximumEpsilon != T.Zero)
        {
            case (false, _, _): WithSource<T, TDecay, TRule, CurrentSecondMoment>(work, start, end); break;
            case (true, true, false): WithSource<T, TDecay, TRule, RunningMaxSecondMoment>(work, start, end); break;
            case (true, true, true): WithSource<T, TDecay, TRule, ShiftedRunningMaxSecondMoment>(work, start, end); break;
            case (true, false, _): WithSource<T, TDecay, TRule, TrackedMaxSecondMoment>(work, start, end); break;
        }
    }

    private static void WithSource<T, TDecay, TRule, TSource>(in StepWork<T> work, long start, long end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDecay : struct, IParameterDecay
        where TRule : struct, ISecondMomentRule
        where TSource : struct, ISecondMomentSource
    {
        switch (work.Coefficients.Kind)
        {
            case UpdateKind.Adaptive: Run<T, TDecay, TRule, TSource, AdaptiveUpdate>(work, start, end); break;
            case UpdateKind.MomentumOnly: Run<T, TDecay, TRule, TSource, MomentumOnlyUpdate>(work, start, end); break;
            case UpdateKind.None: Run<T, TDecay, TRule, TSource, NoUpdate>(work, start, end); break;
            case UpdateKind.Bounded: Run<T, TDecay, TRule, TSource, BoundedUpdate>(work, start, end); break;
        }
    }

    // Optimized from the first call: tier-0 code for this generic loop is tens of times slower, and an optimizer's
    // first few hundred steps would otherwise pay for it.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<T, TDecay, TRule, TSource, TUpdate>(in StepWork<T> work, long start, long end)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TDecay : struct, IParameterDecay
        where TRule : struct, ISecondMomentRule
        where TSource : struct, ISecondMomentSource
        where TUpdate : struct, IParameterUpdate
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
                Vector<T> parameter = TDecay.Apply(Vector.Load(p + i), c);
                Vector<T> gradient = FusedMultiplyAdd.Of(c.L2, parameter, c.GradientSign * Vector.Load(g + i));
                Vector<T> expAvg = FusedMultiplyAdd.Of(gradient, c.OneMinusBeta1, c.Beta1 * Vector.Load(m + i));
                Vector<T> expAvgSq = TRule.Update(Vector.Load(v + i), gradient, expAvg, c);
                Vector<T> secondMoment = TSource.Select(expAvgSq, vmax + i, c);
                TUpdate.Apply(parameter, expAvg, secondMoment, c).Store(p + i);
                expAvg.Store(m + i);
                expAvgSq.Store(v + i);
            }
        }

        StepCoefficients<T> s = work.Coefficients;
        for (; i < end; i++)
        {
            T parameter = TDecay.Apply(p[i], s);
            T gradient = T.FusedMultiplyAdd(s.L2, parameter, s.GradientSign * g[i]);
            T expAvg = T.FusedMultiplyAdd(gradient, s.OneMinusBeta1, s.Beta1 * m[i]);
            T expAvgSq = TRule.Update(v[i], gradient, expAvg, s);
            T secondMoment = TSource.Select(expAvgSq, vmax + i, s);
            p[i] = TUpdate.Apply(parameter, expAvg, secondMoment, s);
            m[i] = expAvg;
            v[i] = expAvgSq;
        }
    }
}
