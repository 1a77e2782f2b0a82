using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace AdaMomentumSharp.Benchmarks;

/// <summary>
/// The STREAM triad a = b + s·c in float32 (12 bytes per element by STREAM's count), split across threads
/// the same way as the kernel: the machine's practical memory bandwidth, to read the kernel against.
/// </summary>
[Config(typeof(BandwidthConfig))]
public class StreamTriadBenchmarks : IBytesMoved
{
    private float[] a = [], b = [], c = [];

    [Params(1 << 10, 1 << 16, 1 << 20, 1 << 24)]
    public int Elements { get; set; }

    [Params(1, 0)]
    public int Threads { get; set; }

    public double BytesMoved => 12.0 * Elements;

    [GlobalSetup]
    public void Setup()
    {
        a = new float[Elements];
        b = Enumerable.Repeat(1f, Elements).ToArray();
        c = Enumerable.Repeat(2f, Elements).ToArray();
    }

    [Benchmark(Description = "STREAM triad")]
    public void Triad()
    {
        int threads = Threads == 0 ? Environment.ProcessorCount : Threads;
        if (threads == 1 || Elements < 1 << 17)
        {
            Run(0, Elements);
            return;
        }
        int chunk = (Elements / (threads * 4) + 63) & ~63;
        int chunks = (Elements + chunk - 1) / chunk;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads },
            i => Run(i * chunk, Math.Min(Elements, (i + 1) * chunk)));
    }

    private void Run(int start, int end)
    {
        var s = new Vector<float>(3f);
        int i = start;
        for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
        {
            (new Vector<float>(b, i) + s * new Vector<float>(c, i)).CopyTo(a, i);
        }
        for (; i < end; i++)
        {
            a[i] = b[i] + 3f * c[i];
        }
    }
}
