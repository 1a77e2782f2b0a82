using TorchSharp;
using TorchSharp.Modules;
using Xunit.Abstractions;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests.Family;

/// <summary>
/// Every optimizer of the family steps contiguous CPU parameters through the core's fused loop, and that loop runs each
/// one's own update: over many steps, with every option variant the optimizer has, it leaves p and every moment as its
/// tensor operations do.
/// </summary>
public class FamilyFusedStepTests(ITestOutputHelper output)
{
    /// <summary>
    /// Normwise agreement (max|Δ| / max|x| per vector, over p and every moment) in float64: two ulps of the largest
    /// element (2^-51). Both paths run the same IEEE operations in the same order, with the multiply-adds LibTorch's CPU
    /// kernels fuse (<c>add_(x, alpha)</c>, <c>addcmul_</c>) fused in the kernel too and every scalar rounded from the
    /// same double, except the square root: LibTorch's vectorized <c>sqrt</c> is not correctly rounded (it differs from
    /// IEEE's in about 1% of float64 elements and 17% of float32 ones of 1,200; the kernel's is correctly rounded). So a
    /// step's update can differ by an ulp, which moves p by one rounding at most, and later steps do not amplify it
    /// (the update reads p only through the L2 term). Measured: one ulp (1.8e-16) over 60 steps of every setting.
    /// </summary>
    public const double Float64Bound = 1.0 / (1L << 51);

    /// <summary>The same bound in float32 rounding, 2^-22 (measured: 1.2e-7, one ulp).</summary>
    public const double Float32Bound = 1.0 / (1 << 22);

    /// <summary>Option settings per optimizer, by PyTorch name: each variant the optimizer has, alone or combined.</summary>
    private static readonly Dictionary<string, Dictionary<string, Dictionary<string, double>>> Settings = new()
    {
        ["AdaBelief"] = new()
        {
            ["defaults"] = new() { ["lr"] = 1e-2 },
            ["amsgrad"] = new() { ["lr"] = 1e-2, ["amsgrad"] = 1, ["beta1"] = 0.8, ["beta2"] = 0.99 },
            ["l2"] = new() { ["lr"] = 1e-2, ["weight_decay"] = 0.05 },
            ["weight_decouple"] = new() { ["lr"] = 1e-2, ["weight_decay"] = 0.05, ["weight_decouple"] = 1 },
            ["fixed_decay"] = new() { ["lr"] = 1e-2, ["weight_decay"] = 0.01, ["weight_decouple"] = 1, ["fixed_decay"] = 1 },
            ["rectify"] = new() { ["lr"] = 1e-2, ["rectify"] = 1, ["beta2"] = 0.99 },
            ["rectify-amsgrad-l2"] = new() { ["lr"] = 1e-2, ["rectify"] = 1, ["amsgrad"] = 1, ["weight_decay"] = 0.01, ["beta2"] = 0.95 },
            ["paper-eps"] = new() { ["lr"] = 1e-2, ["eps"] = 1e-16 },
        },
        ["RAdam"] = new()
        {
            ["defaults"] = new() { ["lr"] = 1e-2 },
            ["fast-beta2"] = new() { ["lr"] = 1e-2, ["beta2"] = 0.99 },
            ["decoupled-decay"] = new() { ["lr"] = 1e-2, ["beta1"] = 0.8, ["beta2"] = 0.95, ["weight_decay"] = 0.05 },
            ["l2"] = new() { ["lr"] = 1e-2, ["beta2"] = 0.95, ["weight_decay"] = 0.05, ["decoupled_weight_decay"] = 0 },
            ["no-sgd-warmup-decay"] = new() { ["lr"] = 1e-2, ["beta2"] = 0.95, ["weight_decay"] = 0.01, ["degenerated_to_sgd"] = 0 },
        },
        ["Yogi"] = new()
        {
            ["defaults"] = new(),
            ["weight-decay"] = new() { ["weight_decay"] = 0.05 },
            ["initial-accumulator"] = new() { ["initial_accumulator"] = 0.5, ["beta2"] = 0.9 },
            ["paper-eps"] = new() { ["lr"] = 1e-3, ["beta1"] = 0.8, ["beta2"] = 0.99, ["eps"] = 1e-8 },
        },
        ["AdaBound"] = new()
        {
            ["defaults"] = new(),
            ["bounds-bite"] = new() { ["lr"] = 0.1, ["beta1"] = 0.8, ["beta2"] = 0.99, ["final_lr"] = 0.05, ["gamma"] = 0.5 },
            ["amsbound-l2"] = new() { ["lr"] = 1e-2, ["gamma"] = 0.1, ["weight_decay"] = 0.01, ["amsbound"] = 1 },
        },
    };

    public static TheoryData<string, string, bool> Cases()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var (optimizer, settings) in Settings)
            foreach (string setting in settings.Keys)
                foreach (bool float32 in (bool[])[true, false])
                {
                    data.Add(optimizer, setting, float32);
                }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void FusedStep_LeavesWhatTensorOperationsLeave_OverManySteps(string optimizer, string setting, bool float32)
    {
        ScalarType dtype = float32 ? ScalarType.Float32 : ScalarType.Float64;
        FamilyMember member = FamilyMembers.Named(optimizer);
        Dictionary<string, double> options = Settings[optimizer][setting];
        var random = new Random(7);
        // 1200 elements run the SIMD loop; 33 leave a scalar tail at any vector width.
        Parameter[] fusedParameters = [Parameter(random, [40, 30], dtype), Parameter(random, [33], dtype)];
        Parameter[] tensorParameters = [.. fusedParameters.Select(p => new Parameter(p.detach().clone()))];
        using OptimizerHelper fused = member.CreateWith(fusedParameters, options);
        using OptimizerHelper tensorOps = member.CreateWith(tensorParameters, options);
        FamilyMembers.UseFusedStep(tensorOps, false);

        double worst = 0;
        for (int t = 1; t <= 60; t++)
        {
            for (int k = 0; k < fusedParameters.Length; k++)
            {
                // Now and then a gradient ten times larger, so that AdaBound's bounds clip and Yogi's sign turns.
                Tensor g = Random(random, fusedParameters[k].shape, t % 7 == 0 ? 10 : 1, dtype);
                fusedParameters[k].grad = g;
                tensorParameters[k].grad = g.clone();
            }
            fused.step();
            tensorOps.step();
            worst = Math.Max(worst, LargestNormwiseDifference(fused, fusedParameters, tensorOps, tensorParameters));
        }

        output.WriteLine($"{optimizer} {setting} {dtype}: largest normwise difference {worst:E2}");
        Assert.All(Enumerable.Range(0, fusedParameters.Length), k => Assert.NotNull(FamilyMembers.StateOf(fused, k).FusedMemory));
        Assert.All(Enumerable.Range(0, tensorParameters.Length), k => Assert.Null(FamilyMembers.StateOf(tensorOps, k).FusedMemory));
        Assert.InRange(worst, 0, float32 ? Float32Bound : Float64Bound);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void EveryMember_TakesTheFusedPath_ExactlyWhereAdaMomentumDoes(string optimizer, ScalarType dtype, bool contiguous)
    {
        Parameter adaMomentumParameter = Parameter(new Random(3), [6, 4], dtype, contiguous);
        Parameter memberParameter = Parameter(new Random(3), [6, 4], dtype, contiguous);
        using OptimizerHelper adaMomentum = FamilyMembers.Named("AdaMomentum").Create(adaMomentumParameter);
        using OptimizerHelper member = FamilyMembers.Named(optimizer).Create(memberParameter);
        adaMomentumParameter.grad = torch.ones_like(adaMomentumParameter);
        memberParameter.grad = torch.ones_like(memberParameter);

        adaMomentum.step();
        member.step();

        bool fused = FamilyMembers.StateOf(adaMomentum, 0).FusedMemory is not null;
        Assert.Equal(contiguous, fused);
        Assert.Equal(fused, FamilyMembers.StateOf(member, 0).FusedMemory is not null);
    }

    public static TheoryData<string, ScalarType, bool> Paths()
    {
        var data = new TheoryData<string, ScalarType, bool>();
        foreach (string optimizer in Settings.Keys)
            foreach (ScalarType dtype in (ScalarType[])[ScalarType.Float32, ScalarType.Float64, ScalarType.BFloat16])
                foreach (bool contiguous in (bool[])[true, false])
                {
                    data.Add(optimizer, dtype, contiguous);
                }
        return data;
    }

    [Theory]
    [InlineData("AdaBelief", "amsgrad")]
    [InlineData("AdaBound", "amsbound")]
    public void AMaximumSwitchedOnMidRun_IsCreatedByTensorOperations_ThenStepsFused(string optimizer, string flag)
    {
        FamilyMember member = FamilyMembers.Named(optimizer);
        var random = new Random(11);
        Parameter fusedParameter = Parameter(random, [50], ScalarType.Float64);
        var tensorParameter = new Parameter(fusedParameter.detach().clone());
        using OptimizerHelper fused = member.Create(fusedParameter);
        using OptimizerHelper tensorOps = member.Create(tensorParameter);
        FamilyMembers.UseFusedStep(tensorOps, false);

        for (int t = 1; t <= 12; t++)
        {
            if (t == 5)
            {
                foreach (OptimizerHelper o in (OptimizerHelper[])[fused, tensorOps])
                {
                    ((AdaptiveOptions)((global::TorchSharp.Modules.ParamGroup)o.ParamGroups.Single()).Options)[flag] = 1;
                }
            }
            Tensor g = Random(random, [50], 1, ScalarType.Float64);
            fusedParameter.grad = g;
            tensorParameter.grad = g.clone();
            fused.step();
            tensorOps.step();
        }

        AdaptiveState state = FamilyMembers.StateOf(fused, 0);
        Assert.NotNull(state.FusedMoments.Maximum);
        Assert.Same(state.FusedMoments.Maximum, state.FusedMemory!.MaxTensor);
        Assert.InRange(LargestNormwiseDifference(fused, [fusedParameter], tensorOps, [tensorParameter]), 0, Float64Bound);
    }

    /// <summary>The largest normwise difference (max|Δ| / max|x| per vector) over p and every moment of every parameter.</summary>
    private static double LargestNormwiseDifference(OptimizerHelper a, Parameter[] aParameters, OptimizerHelper b, Parameter[] bParameters)
    {
        double worst = 0;
        for (int k = 0; k < aParameters.Length; k++)
        {
            var (aFirst, aSecond, aMax) = FamilyMembers.StateOf(a, k).FusedMoments;
            var (bFirst, bSecond, bMax) = FamilyMembers.StateOf(b, k).FusedMoments;
            Assert.Equal(aMax is null, bMax is null);
            foreach (var (x, y) in new[] { (Values(aParameters[k]), Values(bParameters[k])), (Values(aFirst), Values(bFirst)), (Values(aSecond), Values(bSecond)) }
                         .Concat(aMax is null ? [] : [(Values(aMax), Values(bMax!))]))
            {
                double scale = y.Max(Math.Abs), largest = x.Zip(y, (u, v) => Math.Abs(u - v)).Max();
                worst = Math.Max(worst, largest == 0 ? 0 : double.IsNaN(largest) || scale == 0 ? double.PositiveInfinity : largest / scale);
            }
        }
        return worst;
    }
}
