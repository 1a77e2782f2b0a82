using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// Which dtypes AdaMomentum steps, and in which dtype it keeps their moments. float16 and bfloat16 parameters are
/// stepped in float32 arithmetic with float32 moments, as PyTorch's fused optimizers treat low-precision parameters:
/// in float16 the default eps (1e-16) is 0 and (1 − β2)·m² underflows for gradients below about 0.08.
/// </summary>
internal static class MomentPrecision
{
    /// <summary>True for the floating-point dtypes AdaMomentum can step.</summary>
    public static bool CanStep(ScalarType dtype) =>
        dtype is ScalarType.Float32 or ScalarType.Float64 or ScalarType.Float16 or ScalarType.BFloat16;

    /// <summary>True when parameters of <paramref name="dtype"/> are stepped in float32 through a float32 copy.</summary>
    public static bool SteppedInFloat32(ScalarType dtype) => dtype is ScalarType.Float16 or ScalarType.BFloat16;

    /// <summary>The dtype of the moments kept for a parameter of <paramref name="parameterDtype"/>.</summary>
    public static ScalarType MomentDtype(ScalarType parameterDtype) =>
        SteppedInFloat32(parameterDtype) ? ScalarType.Float32 : parameterDtype;
}
