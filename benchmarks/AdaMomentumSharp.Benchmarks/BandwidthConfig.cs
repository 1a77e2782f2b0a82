using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace AdaMomentumSharp.Benchmarks;

/// <summary>Short runs (the figures are bandwidth-bound and stable) with the GB/s column.</summary>
public sealed class BandwidthConfig : ManualConfig
{
    public BandwidthConfig()
    {
        AddJob(Job.ShortRun);
        AddColumn(new BandwidthColumn());
    }
}
