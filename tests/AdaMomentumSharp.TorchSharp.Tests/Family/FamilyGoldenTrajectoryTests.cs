using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests.Family;

/// <summary>
/// Every optimizer of the family replays the trajectories of the class the AdaMomentum authors compared with, run on
/// PyTorch 1.13 over several option settings (TestData/&lt;optimizer&gt;-official.json): p and every state tensor after
/// each listed step, through both paths. The fused CPU step replays all 42 cases bit for bit. The tensor operations run
/// the classes' own sequence of LibTorch operations, so most cases agree bit for bit there too (every RAdam case; every
/// float64 case of Yogi and AdaBound, and all but one of AdaBelief's); the rest differ by the last bit of a few
/// elements where LibTorch 2.10 rounds an operation differently from 1.13 (its square root, for one, is not correctly
/// rounded), as AdaMomentum's tensor-operation path does (<see cref="GoldenTrajectoryTests"/>), and are held to the same bounds.
/// </summary>
public class FamilyGoldenTrajectoryTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (FamilyMember member in FamilyMembers.All.Where(m => m.Fixture is not null))
            foreach (FamilyCase golden in FamilyGolden.Cases(member.Fixture!))
            {
                data.Add(member.Name, golden.Name, golden.IsFloat32);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedStep_ReplaysTheAuthorsClass_BitForBit(string optimizer, string name, bool float32)
    {
        Assert.Equal((0.0, 0.0), Replay(FamilyMembers.Named(optimizer), name, float32, fused: true));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TensorOperations_ReplayTheAuthorsClass_ToTheLastBitOrTheStatedBound(string optimizer, string name, bool float32)
    {
        var (relative, normwise) = Replay(FamilyMembers.Named(optimizer), name, float32, fused: false);

        if (float32)
        {
            Assert.InRange(normwise, 0, GoldenTrajectoryTests.TensorOpsFloat32Bound);
        }
        else
        {
            Assert.InRange(relative, 0, GoldenTrajectoryTests.TensorOpsFloat64Bound);
        }
    }

    [Theory]
    [InlineData("RAdam", false)]
    [InlineData("RAdam", true)]
    [InlineData("Yogi", false)]
    [InlineData("AdaBound", false)]
    public void TensorOperations_ReplayTheAuthorsClass_BitForBitInEveryCase(string optimizer, bool float32)
    {
        FamilyMember member = FamilyMembers.Named(optimizer);
        foreach (FamilyCase golden in FamilyGolden.Cases(member.Fixture!).Where(c => c.IsFloat32 == float32))
        {
            Assert.Equal((0.0, 0.0), Replay(member, golden.Name, golden.IsFloat32, fused: false));
        }
    }

    /// <summary>The largest element-wise relative and normwise (max|Δ| / max|x| per vector) errors over the whole case.</summary>
    private (double Relative, double Normwise) Replay(FamilyMember member, string name, bool float32, bool fused)
    {
        FamilyCase golden = FamilyGolden.Cases(member.Fixture!).Single(c => c.Name == name && c.IsFloat32 == float32);
        ScalarType dtype = float32 ? ScalarType.Float32 : ScalarType.Float64;
        var p = new Parameter(torch.tensor(golden.P0, dtype: ScalarType.Float64).to(dtype));
        using OptimizerHelper opt = member.CreateWith([p], golden.Options);
        FamilyMembers.UseFusedStep(opt, fused);
        AdaptiveState state = FamilyMembers.StateOf(opt, 0);
        double relative = 0, normwise = 0;
        int next = 0;
        for (int t = 1; t <= golden.Gradients.Length; t++)
        {
            p.grad = torch.tensor(golden.Gradients[t - 1], dtype: ScalarType.Float64).to(dtype);
            opt.step();
            if (next < golden.After.Length && golden.After[next].Step == t)
            {
                FamilyCheckpoint expected = golden.After[next++];
                foreach (var (what, values, actual) in expected.State.Select(s => (s.Key, s.Value, Values(state.Moment(s.Key)!))).Prepend(("p", expected.P, Values(p))))
                {
                    Assert.Equal(values.Length, actual.Length);
                    double scale = values.Max(Math.Abs);
                    for (int i = 0; i < values.Length; i++)
                    {
                        double error = Math.Abs(values[i] - actual[i]);
                        relative = Math.Max(relative, error == 0 ? 0 : error / Math.Abs(values[i]));
                        normwise = Math.Max(normwise, error == 0 ? 0 : error / scale);
                    }
                }
            }
        }
        Assert.Equal(golden.After.Length, next);
        Assert.Equal(fused, state.FusedMemory is not null);
        output.WriteLine($"{member} {golden} {(fused ? "fused" : "tensor operations")}: relative {relative:E2}, normwise {normwise:E2}");
        return (relative, normwise);
    }
}
