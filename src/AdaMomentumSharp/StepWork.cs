using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>
/// One buffer's memory together with the coefficients its options give at its step (MaxExpAvgSq null unless the
/// step keeps the AmsGrad maximum).
/// </summary>
internal readonly record struct StepWork<T>(BufferStep<T> Buffers, StepCoefficients<T> Coefficients)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Each buffer's element count, as <see cref="ParallelChunks"/> takes them.</summary>
    public static long[] Lengths(ReadOnlySpan<StepWork<T>> work)
    {
        var lengths = new long[work.Length];
        for (int i = 0; i < work.Length; i++)
        {
            lengths[i] = work[i].Buffers.Length;
        }
        return lengths;
    }
}
