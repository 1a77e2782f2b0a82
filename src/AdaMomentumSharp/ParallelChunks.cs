namespace AdaMomentumSharp;

/// <summary>Work done on one element range of one buffer; a struct so the JIT specializes each use.</summary>
internal interface IChunkBody
{
    void Run(int buffer, long start, long end);
}

/// <summary>
/// Splits several buffers' elements into ranges and runs them across threads. Threads only pay off for
/// steps large enough to be memory-bound, so small steps stay on the calling thread.
/// </summary>
internal static class ParallelChunks
{
    /// <summary>
    /// Below this many elements in a whole step, one thread is faster than waking others: up to L2-sized steps the
    /// update is bound by its divisions and square root, and under TorchSharp the intra-op pool may still hold the cores.
    /// </summary>
    public const long ParallelThreshold = 1 << 19;

    /// <summary>Smallest range handed to a thread; a multiple of every SIMD width.</summary>
    public const long MinChunk = 1 << 15;

    public static void Run<TBody>(ReadOnlySpan<long> lengths, int maxDegreeOfParallelism, TBody body)
        where TBody : struct, IChunkBody
    {
        long total = 0;
        foreach (long length in lengths)
        {
            total += length;
        }

        if (maxDegreeOfParallelism <= 1 || total < ParallelThreshold)
        {
            for (int buffer = 0; buffer < lengths.Length; buffer++)
            {
                body.Run(buffer, 0, lengths[buffer]);
            }
            return;
        }

        // A few chunks per thread evens out buffers of unequal size without much scheduling overhead.
        long chunk = Math.Max(MinChunk, total / (maxDegreeOfParallelism * 4L));
        chunk = (chunk + 63) & ~63L;
        var ranges = new List<(int Buffer, long Start, long End)>();
        for (int buffer = 0; buffer < lengths.Length; buffer++)
        {
            for (long start = 0; start < lengths[buffer]; start += chunk)
            {
                ranges.Add((buffer, start, Math.Min(start + chunk, lengths[buffer])));
            }
        }

        Parallel.For(0, ranges.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, index =>
        {
            var (buffer, start, end) = ranges[index];
            body.Run(buffer, start, end);
        });
    }
}
