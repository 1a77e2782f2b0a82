using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>The first line of the update: p before the gradient and the step see it, decayed or not.</summary>
internal interface IParameterDecay
{
    static abstract T Apply<T>(T parameter, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>;

    static abstract Vector<T> Apply<T>(Vector<T> parameter, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>;
}

/// <summary><c>p·Decay</c>: AdamW-style decay (1 when there is none, which is exact).</summary>
internal readonly struct MultipliedDecay : IParameterDecay
{
    public static T Apply<T>(T parameter, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => parameter * c.Decay;

    public static Vector<T> Apply<T>(Vector<T> parameter, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => parameter * c.Decay;
}

/// <summary>
/// <c>p + DecayTerm·p</c>, rounded once: RAdam's <c>p.add_(p, alpha=−wd·lr)</c>, which rounds differently from
/// <c>p·(1 − wd·lr)</c>. Where it applies, no L2 term does, so applying it first changes no other line.
/// </summary>
internal readonly struct AddedDecay : IParameterDecay
{
    public static T Apply<T>(T parameter, in StepCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => T.FusedMultiplyAdd(parameter, c.DecayTerm, parameter);

    public static Vector<T> Apply<T>(Vector<T> parameter, in VectorCoefficients<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> => FusedMultiplyAdd.Of(parameter, c.DecayTerm, parameter);
}
