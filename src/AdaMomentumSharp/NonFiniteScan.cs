using System.Numerics;
using System.Runtime.CompilerServices;

namespace AdaMomentumSharp;

/// <summary>
/// Finds non-finite gradients before a step touches anything. It reads only the gradients, 4 of the 28 bytes
/// per element a float step moves, and runs across the same threads as the step.
/// </summary>
internal static unsafe class NonFiniteScan
{
    /// <summary>The first non-finite gradient element over all buffers, or null when all are finite.</summary>
    public static (int Buffer, long Index, double Value)? FindFirst<T>(ReadOnlySpan<StepWork<T>> work, int maxDegreeOfParallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long[] lengths = StepWork<T>.Lengths(work);
        var gradients = new nint[work.Length];
        for (int i = 0; i < work.Length; i++)
        {
            gradients[i] = (nint)work[i].Buffers.Gradients;
        }

        var flags = new int[work.Length];
        ParallelChunks.Run(lengths, maxDegreeOfParallelism, new FlagChunk<T>(gradients, flags));

        for (int buffer = 0; buffer < work.Length; buffer++)
        {
            if (flags[buffer] == 0)
            {
                continue;
            }
            T* g = (T*)gradients[buffer];
            for (long i = 0; i < lengths[buffer]; i++)
            {
                if (!T.IsFinite(g[i]))
                {
                    return (buffer, i, double.CreateTruncating(g[i]));
                }
            }
        }
        return null;
    }

    /// <summary>True when any element of <c>g[start..end)</c> is NaN or infinite.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool AnyNonFinite<T>(T* g, long start, long end)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // x − x is 0 for every finite x and NaN for NaN and ±∞, so running sums tell without a branch.
        // Four independent sums keep the adder pipeline full: one sum would make the scan latency-bound.
        long i = start;
        Vector<T> sum0 = Vector<T>.Zero, sum1 = sum0, sum2 = sum0, sum3 = sum0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<T>.Count;
            for (; i <= end - 4 * width; i += 4 * width)
            {
                Vector<T> x0 = Vector.Load(g + i), x1 = Vector.Load(g + i + width);
                Vector<T> x2 = Vector.Load(g + i + 2 * width), x3 = Vector.Load(g + i + 3 * width);
                sum0 += x0 - x0;
                sum1 += x1 - x1;
                sum2 += x2 - x2;
                sum3 += x3 - x3;
            }
        }
        T scalarSum = T.Zero;
        for (; i < end; i++)
        {
            scalarSum += g[i] - g[i];
        }
        return !(Vector.EqualsAll(sum0 + sum1 + sum2 + sum3, Vector<T>.Zero) && scalarSum == T.Zero);
    }

    private readonly struct FlagChunk<T>(nint[] gradients, int[] flags) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int buffer, long start, long end)
        {
            if (AnyNonFinite((T*)gradients[buffer], start, end))
            {
                Volatile.Write(ref flags[buffer], 1);
            }
        }
    }
}
