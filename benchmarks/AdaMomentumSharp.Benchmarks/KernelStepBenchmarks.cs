using BenchmarkDotNet.Attributes;

namespace AdaMomentumSharp.Benchmarks;

/// <summary>One AdaMomentum float32 step: reads p, g, m, v and writes p, m, v, 28 bytes per element.</summary>
[Config(typeof(BandwidthConfig))]
public class KernelStepBenchmarks : IBytesMoved
{
    private float[] parameters = [], gradients = [], expAvg = [], expAvgSq = [];
    private readonly AdaMomentumOptions options = new();

    [Params(1 << 10, 1 << 16, 1 << 20, 1 << 24)]
    public int Elements { get; set; }

    [Params(1, 0)]
    public int Threads { get; set; }

    public double BytesMoved => 28.0 * Elements;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        parameters = Enumerable.Range(0, Elements).Select(_ => random.NextSingle()).ToArray();
        gradients = Enumerable.Range(0, Elements).Select(_ => random.NextSingle() - 0.5f).ToArray();
        expAvg = new float[Elements];
        expAvgSq = new float[Elements];
    }

    [Benchmark(Description = "AdaMomentum step")]
    public bool Step() => AdaMomentumKernel.Step(options, 10, parameters, gradients, expAvg, expAvgSq, [], NonFiniteGradients.Ignore, ThreadCount);

    [Benchmark(Description = "AdaMomentum step, non-finite check")]
    public bool StepChecked() => AdaMomentumKernel.Step(options, 10, parameters, gradients, expAvg, expAvgSq, [], NonFiniteGradients.Throw, ThreadCount);

    [Benchmark(Description = "non-finite scan alone")]
    public unsafe bool Scan()
    {
        fixed (float* g = gradients)
        {
            var work = new StepWork<float>(new BufferStep<float>(options, 1, null, g, null, null, null, Elements), default);
            return NonFiniteScan.FindFirst(new ReadOnlySpan<StepWork<float>>(in work), ThreadCount) is null;
        }
    }

    private int ThreadCount => Threads == 0 ? Environment.ProcessorCount : Threads;
}
