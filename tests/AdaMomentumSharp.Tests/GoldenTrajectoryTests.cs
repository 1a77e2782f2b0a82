using Xunit.Abstractions;

namespace AdaMomentumSharp.Tests;

/// <summary>
/// The kernel and the array optimizer replay the authors' own trajectories (shared/golden/adam3-official.json):
/// float64 to 1e-12 relative on every value, float32 within the bound measured against PyTorch's float32 results.
/// </summary>
public class GoldenTrajectoryTests(ITestOutputHelper output)
{
    /// <summary>Relative agreement required in float64: a few units in the last place, accumulated over 3000 steps.</summary>
    public const double Float64Bound = 1e-12;

    /// <summary>
    /// Normwise agreement (max|Δ| / max|x| per vector) required in float32 against PyTorch's own float32 run of the
    /// authors' class. Measured: at most 3.6e-7 (big-lr), about three float32 ulps of the largest element, over all 15
    /// cases and both paths; element-wise it reaches 9.7e-5 only where m passes near zero. Rounding differs in the last
    /// bits (PyTorch's vectorized CPU kernels may fuse multiply-adds), and the difference grows along a trajectory.
    /// </summary>
    public const double Float32Bound = 5e-7;

    public enum CorePath { Kernel, Optimizer }

    [Theory]
    [MemberData(nameof(GoldenTrajectories.Names), MemberType = typeof(GoldenTrajectories))]
    public void Kernel_ReplaysTheAuthorsTrajectory_InFloat64(string name) =>
        Replay(GoldenTrajectories.Named(name, float32: false), CorePath.Kernel).AssertWithin(Float64Bound, GoldenTrajectories.Named(name, false), "kernel");

    [Theory]
    [MemberData(nameof(GoldenTrajectories.Names), MemberType = typeof(GoldenTrajectories))]
    public void Optimizer_ReplaysTheAuthorsTrajectory_InFloat64(string name) =>
        Replay(GoldenTrajectories.Named(name, float32: false), CorePath.Optimizer).AssertWithin(Float64Bound, GoldenTrajectories.Named(name, false), "optimizer");

    [Theory]
    [MemberData(nameof(GoldenTrajectories.Names), MemberType = typeof(GoldenTrajectories))]
    public void Kernel_ReplaysTheAuthorsTrajectory_InFloat32(string name) =>
        Replay(GoldenTrajectories.Named(name, float32: true), CorePath.Kernel).AssertNormwiseWithin(Float32Bound, GoldenTrajectories.Named(name, true), "kernel");

    [Theory]
    [MemberData(nameof(GoldenTrajectories.Names), MemberType = typeof(GoldenTrajectories))]
    public void Optimizer_ReplaysTheAuthorsTrajectory_InFloat32(string name) =>
        Replay(GoldenTrajectories.Named(name, float32: true), CorePath.Optimizer).AssertNormwiseWithin(Float32Bound, GoldenTrajectories.Named(name, true), "optimizer");

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

    /// <summary>Prints the largest error per case and path: the figures behind the bounds above.</summary>
    [Fact]
    public void MeasuredErrors_AreWithinTheStatedBounds()
    {
        double worst64 = 0, worst32 = 0;
        foreach (GoldenCase golden in GoldenTrajectories.All)
        foreach (CorePath path in Enum.GetValues<CorePath>())
        {
            GoldenReplay replay = Replay(golden, path);
            output.WriteLine($"{golden,-36} {path,-9} relative {replay.MaxRelativeError:E2} normwise {replay.MaxNormwiseError:E2}");
            if (golden.IsFloat32)
            {
                worst32 = Math.Max(worst32, replay.MaxNormwiseError);
            }
            else
            {
                worst64 = Math.Max(worst64, replay.MaxRelativeError);
            }
        }
        output.WriteLine($"worst float64 {worst64:E2}, worst float32 {worst32:E2}");
        Assert.InRange(worst64, 0, Float64Bound);
        Assert.InRange(worst32, 0, Float32Bound);
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
                    ? AdaMomentumKernel.Step(golden.Options, t, p, g, m, v, vmax, 1)
                    : optimizer.Step([p], [g]);
                Assert.True(applied);
            },
            () => path == CorePath.Kernel
                ? (Widen(p), Widen(m), Widen(v), Widen(vmax))
                : (Widen(p), Widen(optimizer.ExpAvg(0)), Widen(optimizer.ExpAvgSq(0)), Widen(optimizer.MaxExpAvgSq(0))));
    }
}
