using System.Diagnostics;
using System.Numerics;

namespace AdaMomentumSharp.Experiments.Bandwidth;

/// <summary>
/// The STREAM triad a = b + s·c in float32, 12 bytes per element by STREAM's count, vectorized and split across
/// threads the way the optimizer kernel splits its work: the machine's practical memory bandwidth, to read optimizer
/// steps against. The one implementation: `adamomentum bench` calls it and the benchmarks project compiles this file in.
/// </summary>
public static class StreamTriad
{
    public const double BytesPerElement = 12;

    private const float Scale = 3f;

    /// <summary>Below this many elements one thread beats the cost of starting others.</summary>
    private const int ParallelThreshold = 1 << 17;

    /// <summary>One triad over the whole arrays on at most <paramref name="threads"/> threads.</summary>
    public static void Run(float[] a, float[] b, float[] c, int threads)
    {
        int n = a.Length;
        if (threads == 1 || n < ParallelThreshold)
        {
            Run(a, b, c, 0, n);
            return;
        }
        // About four chunks per thread, each a whole number of cache lines, so that threads balance and never share a line.
        int chunk = (n / (threads * 4) + 63) & ~63;
        Parallel.For(0, (n + chunk - 1) / chunk, new ParallelOptions { MaxDegreeOfParallelism = threads },
            i => Run(a, b, c, i * chunk, Math.Min(n, (i + 1) * chunk)));
    }

    /// <summary>Three arrays of <see cref="Length"/> floats, allocated once, for triads timed between other work.</summary>
    public sealed class Arrays(long elements)
    {
        private readonly float[] a = new float[(int)Math.Min(elements, Array.MaxLength)];
        private readonly float[] b = Enumerable.Repeat(1f, (int)Math.Min(elements, Array.MaxLength)).ToArray();
        private readonly float[] c = Enumerable.Repeat(2f, (int)Math.Min(elements, Array.MaxLength)).ToArray();

        public int Length => a.Length;

        /// <summary>One triad on at most <paramref name="threads"/> threads; returns its duration in seconds.</summary>
        public double Run(int threads)
        {
            var clock = Stopwatch.StartNew();
            StreamTriad.Run(a, b, c, threads);
            return clock.Elapsed.TotalSeconds;
        }
    }

    /// <summary>The best of <paramref name="rounds"/> triads over <paramref name="elements"/> floats, in GB/s.</summary>
    public static double BestBandwidth(long elements, int threads, int rounds = 5)
    {
        int n = (int)Math.Min(elements, Array.MaxLength);
        float[] a = new float[n], b = Enumerable.Repeat(1f, n).ToArray(), c = Enumerable.Repeat(2f, n).ToArray();
        double best = double.PositiveInfinity;
        for (int round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            Run(a, b, c, threads);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return BytesPerElement * n / best / 1e9;
    }

    private static void Run(float[] a, float[] b, float[] c, int start, int end)
    {
        var scale = new Vector<float>(Scale);
        int i = start;
        for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(b, i) + scale * new Vector<float>(c, i)).CopyTo(a, i);
        }
        for (; i < end; i++)
        {
            a[i] = b[i] + Scale * c[i];
        }
    }
}
