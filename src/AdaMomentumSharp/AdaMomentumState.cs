using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>Moments of one buffer: m, v and (with AmsGrad) the running maximum of v.</summary>
internal sealed record BufferMoments<T>(T[] ExpAvg, T[] ExpAvgSq, T[]? MaxExpAvgSq)
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static BufferMoments<T> Zeros(int length, bool amsGrad) => new(
        GC.AllocateArray<T>(length, pinned: true),
        GC.AllocateArray<T>(length, pinned: true),
        amsGrad ? GC.AllocateArray<T>(length, pinned: true) : null);
}

/// <summary>Everything an <see cref="AdaMomentumOptimizer{T}"/> must persist to continue a run exactly.</summary>
internal sealed record AdaMomentumState<T>(AdaMomentumOptions Options, NonFiniteGradients NonFiniteGradients, long StepCount, BufferMoments<T>[] Buffers)
    where T : unmanaged, IFloatingPointIeee754<T>;
