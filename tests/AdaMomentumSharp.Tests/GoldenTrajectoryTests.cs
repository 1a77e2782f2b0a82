using Xunit.Abstractions;

namespace AdaMomentumSharp.Tests;

/// <summary>
/// The kernel and the array optimizer replay the authors' own trajectories (shared/golden/adam3-official.json) bit for
/// bit, in float64 and in float32: same operations, same order, and the multiply-adds PyTorch's CPU kernels fuse
/// (<c>add_(x, alpha)</c>, <c>addcmul_</c>) fused here too. The issue asked for 1e-12 relative in float64; the
/// measured error is 0 on all 30 trajectories, so that is what the tests hold the code to.
/// </summary>
public class GoldenTrajectoryTests(ITestOutputHelper output)
{
    public enum CorePath { Kernel, Optimizer }

    [Theory]
    [MemberData(nameof(GoldenTrajectories.Names), MemberType = typeof(GoldenTrajectories))]
    public void Kernel_ReplaysTheAuthorsTrajectoryBitForBit_InFloat64(string name) => AssertExact(name, float32: false, CorePath.Kernel);

    [Theory]
    [MemberData(nameof(GoldenTrajectories.Names), MemberType = typeof(GoldenTrajectories))]
    public void Optimizer_ReplaysTheAuthorsTrajectoryBitForBit_InFloat64(string name) => AssertExact(name, float32: false, CorePath.Optimizer);

    [Theory]
    [MemberData(nameof(GoldenTrajectories.Names), MemberType = typeof(GoldenTrajectories))]
    public void Kernel_ReplaysTheAuthorsTrajectoryBitForBit_InFloat32(string name) => AssertExact(name, float32: true, CorePath.Kernel);

    [Theory]
    [MemberData(nameof(GoldenTrajectories.Names), MemberType = typeof(GoldenTrajectories))]
    public void Optimizer_ReplaysTheAuthorsTrajectoryBitForBit_InFloat32(string name) => AssertExact(name, float32: true, CorePath.Optimizer);

    [Fact]
    public void Fixture_CoversEveryOptionTheAuthorsClassHas()
    {
        var options = GoldenTrajectories.All.Select(c => c.Options).ToArray();
        Assert.Contains(options, o => o.Rectify && o.AmsGrad);
        Assert.Contains(options, o => o.Rectify && !o.DegeneratedToSgd);
        Assert.Contains(options, o => o.DecoupledWeightDecay && o.FixedDecay && o.WeightDecay > 0);
        Assert.Contains(options, o => !o.DecoupledWeightDecay && o.WeightDecay > 0);
        Assert.Contains(options, o => o.Maximize);
        Assert.Equal(30, GoldenTrajectories.All.Count);
    }

    /// <summary>Prints the largest error per case and path: the figures quoted in the closing note and the docs.</summary>
    [Fact]
    public void MeasuredErrors_AreZeroOnEveryCaseAndPath()
    {
        foreach (GoldenCase golden in GoldenTrajectories.All)
            foreach (CorePath path in Enum.GetValues<CorePath>())
            {
                GoldenReplay replay = Replay(golden, path);
                output.WriteLine($"{golden,-36} {path,-9} relative {replay.MaxRelativeError:E2} normwise {replay.MaxNormwiseError:E2}");
                Assert.Equal(0, replay.MaxRelativeError);
            }
    }

    private static void AssertExact(string name, bool float32, CorePath path)
    {
        GoldenCase golden = GoldenTrajectories.Named(name, float32);
        Replay(golden, path).AssertWithin(0, golden, path.ToString());
    }

    internal static GoldenReplay Replay(GoldenCase golden, CorePath path) => golden.IsFloat32
        ? Replay<float>(golden, path, x => (float)x)
        : Replay<double>(golden, path, x => x);

    private static GoldenReplay Replay<T>(GoldenCase golden, CorePath path, Func<double, T> narrow)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int n = golden.P0.Length;
        T[] p = golden.P0.Select(narrow).ToArray(), g = new T[n], m = new T[n], v = new T[n], vmax = new T[n];
        var optimizer = new AdaMomentumOptimizer<T>([n], golden.Options);
        double[] Widen(ReadOnlySpan<T> values) => values.ToArray().Select(double.CreateTruncating).ToArray();

        return GoldenReplay.Run(golden,
            (t, gradient) =>
            {
                for (int i = 0; i < n; i++)
                {
                    g[i] = narrow(gradient[i]);
                }
                bool applied = path == CorePath.Kernel
                    ? AdaMomentumKernel.Step<T>(golden.Options, t, p, g, m, v, vmax, NonFiniteGradients.Throw, 1)
                    : optimizer.Step([p], [g]);
                Assert.True(applied);
            },
            () => path == CorePath.Kernel
                ? (Widen(p), Widen(m), Widen(v), Widen(vmax))
                : (Widen(p), Widen(optimizer.ExpAvg(0)), Widen(optimizer.ExpAvgSq(0)), Widen(optimizer.MaxExpAvgSq(0))));
    }
}
