using System.Collections.Concurrent;
using TorchSharp;

namespace AdaMomentumSharp.Experiments;

/// <summary>
/// Constants the CLI's tensor code hands to TorchSharp, as Scalars that live as long as the process. A Scalar made on
/// the fly (a number converted implicitly, or the alpha of 1 TorchSharp adds itself to <c>a + b</c>) can be finalized
/// while LibTorch still reads it, which crashed a 2-layer LSTM run five epochs in; the build rejects those
/// (ScalarTemporaryAnalyzer, AMS0001). Values that vary are made with <c>ToScalar()</c> in a <c>using</c> declaration.
/// </summary>
internal static class KeptScalars
{
    /// <summary>The alpha of a plain <c>a + b</c>: <c>a.add(b, KeptScalars.One)</c>.</summary>
    public static readonly Scalar One = 1.ToScalar();

    public static readonly Scalar Two = 2.ToScalar();

    public static readonly Scalar Zero = 0.ToScalar();

    private static readonly ConcurrentDictionary<double, Scalar> constants = new();

    /// <summary>A constant's Scalar, made once and kept: for the fixed coefficients of a formula, not for values that vary.</summary>
    public static Scalar Of(double constant) => constants.GetOrAdd(constant, value => value.ToScalar());
}
