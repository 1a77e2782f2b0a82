using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>
/// The memory one step reads and writes for one parameter buffer, as raw pointers so that it can cross
/// threads and can point at managed arrays (pinned by the caller) or native tensor storage alike.
/// </summary>
internal readonly unsafe struct StepBuffers<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public StepBuffers(T* parameters, T* gradients, T* expAvg, T* expAvgSq, T* maxExpAvgSq, long length)
    {
        Parameters = parameters;
        Gradients = gradients;
        ExpAvg = expAvg;
        ExpAvgSq = expAvgSq;
        MaxExpAvgSq = maxExpAvgSq;
        Length = length;
    }

    public T* Parameters { get; }

    public T* Gradients { get; }

    public T* ExpAvg { get; }

    public T* ExpAvgSq { get; }

    /// <summary>Null unless the step uses AMSGrad.</summary>
    public T* MaxExpAvgSq { get; }

    public long Length { get; }
}

/// <summary>One buffer's memory together with the coefficients its (group's) options give at its step.</summary>
internal readonly record struct StepWork<T>(StepBuffers<T> Buffers, StepCoefficients<T> Coefficients)
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
