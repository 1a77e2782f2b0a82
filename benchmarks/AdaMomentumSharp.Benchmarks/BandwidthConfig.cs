using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace AdaMomentumSharp.Benchmarks;

/// <summary>
/// Short runs (the figures are bandwidth-bound and stable) with the GB/s column, in process: the host's build
/// output carries the TorchSharp native library already made loadable on this system, which a separately
/// generated benchmark project would copy afresh from the NuGet cache.
/// </summary>
public sealed class BandwidthConfig : ManualConfig
{
    public BandwidthConfig()
    {
        AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        AddColumn(new BandwidthColumn());
    }
}
