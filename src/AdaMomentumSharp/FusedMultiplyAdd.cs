using System.Numerics;
using System.Runtime.CompilerServices;

namespace AdaMomentumSharp;

/// <summary>
/// a·b + c rounded once, for the generic element type: the BCL has it for <c>Vector&lt;float&gt;</c> and
/// <c>Vector&lt;double&gt;</c> only. PyTorch's CPU kernels fuse the same multiply-adds (<c>add_(x, alpha)</c>,
/// <c>addcmul_</c>), so the step rounds as the authors' class does, and does it in fewer instructions.
/// </summary>
internal static class FusedMultiplyAdd
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> Of<T>(Vector<T> a, Vector<T> b, Vector<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // The type tests are JIT-time constants: each instantiation compiles to one instruction.
        if (typeof(T) == typeof(float))
        {
            return Vector.FusedMultiplyAdd(a.As<T, float>(), b.As<T, float>(), c.As<T, float>()).As<float, T>();
        }
        if (typeof(T) == typeof(double))
        {
            return Vector.FusedMultiplyAdd(a.As<T, double>(), b.As<T, double>(), c.As<T, double>()).As<double, T>();
        }
        return a * b + c;
    }
}
