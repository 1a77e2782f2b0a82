using AdaMomentumSharp.Experiments.Bandwidth;
using BenchmarkDotNet.Attributes;

namespace AdaMomentumSharp.Benchmarks;

/// <summary>
/// The STREAM triad (the CLI's <see cref="StreamTriad"/>, compiled in here) at the kernel benchmarks' sizes and
/// thread counts: the machine's practical memory bandwidth, to read the kernel against.
/// </summary>
[Config(typeof(BandwidthConfig))]
public class StreamTriadBenchmarks : IBytesMoved
{
    private float[] a = [], b = [], c = [];

    [Params(1 << 10, 1 << 16, 1 << 20, 1 << 24)]
    public int Elements { get; set; }

    [Params(1, 0)]
    public int Threads { get; set; }

    public double BytesMoved => StreamTriad.BytesPerElement * Elements;

    [GlobalSetup]
    public void Setup()
    {
        a = new float[Elements];
        b = Enumerable.Repeat(1f, Elements).ToArray();
        c = Enumerable.Repeat(2f, Elements).ToArray();
    }

    [Benchmark(Description = "STREAM triad")]
    public void Triad() => StreamTriad.Run(a, b, c, Threads == 0 ? Environment.ProcessorCount : Threads);
}
