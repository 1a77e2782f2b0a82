using System.Numerics;

namespace AdaMomentumSharp;

/// <summary><see cref="StepCoefficients{T}"/> broadcast once per call into SIMD registers' worth of lanes.</summary>
internal readonly struct VectorCoefficients<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public VectorCoefficients(in StepCoefficients<T> c)
    {
        Decay = new Vector<T>(c.Decay);
        GradientSign = new Vector<T>(c.GradientSign);
        L2 = new Vector<T>(c.L2);
        Beta1 = new Vector<T>(c.Beta1);
        OneMinusBeta1 = new Vector<T>(c.OneMinusBeta1);
        Beta2 = new Vector<T>(c.Beta2);
        OneMinusBeta2 = new Vector<T>(c.OneMinusBeta2);
        StoredEpsilon = new Vector<T>(c.StoredEpsilon);
        SqrtBiasCorrection2 = new Vector<T>(c.SqrtBiasCorrection2);
        DenominatorEpsilon = new Vector<T>(c.DenominatorEpsilon);
        StepSize = new Vector<T>(c.StepSize);
        DecayTerm = new Vector<T>(c.DecayTerm);
        MaximumEpsilon = new Vector<T>(c.MaximumEpsilon);
        LowerBound = new Vector<T>(c.LowerBound);
        UpperBound = new Vector<T>(c.UpperBound);
    }

    public Vector<T> Decay { get; }

    public Vector<T> GradientSign { get; }

    public Vector<T> L2 { get; }

    public Vector<T> Beta1 { get; }

    public Vector<T> OneMinusBeta1 { get; }

    public Vector<T> Beta2 { get; }

    public Vector<T> OneMinusBeta2 { get; }

    public Vector<T> StoredEpsilon { get; }

    public Vector<T> SqrtBiasCorrection2 { get; }

    public Vector<T> DenominatorEpsilon { get; }

    public Vector<T> StepSize { get; }

    public Vector<T> DecayTerm { get; }

    public Vector<T> MaximumEpsilon { get; }

    public Vector<T> LowerBound { get; }

    public Vector<T> UpperBound { get; }
}
