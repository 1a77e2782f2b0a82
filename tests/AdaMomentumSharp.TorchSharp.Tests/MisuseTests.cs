using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>Misuse found by hostile probes: each ends in a clear error and changes nothing.</summary>
public sealed class MisuseTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("adamomentum-misuse-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<string> Members => new(DisposedCalls.Keys);

    private static readonly Dictionary<string, Action<AdaMomentum, string>> DisposedCalls = new()
    {
        ["step"] = (o, d) => o.step(),
        ["zero_grad"] = (o, d) => o.zero_grad(),
        ["parameters"] = (o, d) => o.parameters(),
        ["ParamGroups"] = (o, d) => _ = o.ParamGroups,
        ["state_dict"] = (o, d) => o.state_dict(),
        ["load_state_dict(StateDictionary)"] = (o, d) => o.load_state_dict(new AdaMomentum([new Parameter(torch.ones(2))]).state_dict()),
        ["save_state_dict(path)"] = (o, d) => o.save_state_dict(Path.Combine(d, "x.bin")),
        ["load_state_dict(missing path)"] = (o, d) => o.load_state_dict(Path.Combine(d, "missing.bin")),
        ["load_state_dict(null)"] = (o, d) => o.load_state_dict((optim.Optimizer.StateDictionary)null!),
        ["save_state_dict(writer)"] = (o, d) => ((OptimizerHelper)o).save_state_dict(new BinaryWriter(new MemoryStream())),
        ["to(device)"] = (o, d) => o.to(CPU),
        ["add_param_group"] = (o, d) => o.add_param_group(new AdaMomentum.ParamGroup([new Parameter(torch.ones(2))])),
        ["NonFiniteGradients"] = (o, d) => _ = o.NonFiniteGradients,
        ["LastStepSkipped"] = (o, d) => _ = o.LastStepSkipped,
        ["SkippedSteps"] = (o, d) => _ = o.SkippedSteps,
        ["MaxDegreeOfParallelism"] = (o, d) => o.MaxDegreeOfParallelism = 1,
        ["Betas"] = (o, d) => _ = o.Betas,
        ["scheduler step"] = (o, d) => optim.lr_scheduler.StepLR(o, 1).step(),
    };

    [Theory]
    [MemberData(nameof(Members))]
    public void Member_AfterDispose_ThrowsObjectDisposed(string member)
    {
        Parameter p = Parameter(new Random(1), [8], ScalarType.Float32);
        var optimizer = new AdaMomentum([p]);
        p.grad = torch.ones_like(p);
        optimizer.step();
        double[] before = Values(p);
        optimizer.Dispose();
        optimizer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => DisposedCalls[member](optimizer, directory));

        Assert.Equal(before, Values(p));
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Step_AfterAMomentWasDisposedBehindTheOptimizersBack_ThrowsInsteadOfWritingFreedMemory()
    {
        Parameter p = Parameter(new Random(1), [1024], ScalarType.Float32);
        using var optimizer = new AdaMomentum([p]);
        p.grad = torch.ones_like(p);
        optimizer.step();
        StateOf(optimizer, 0).exp_avg_sq.Dispose();
        double[] before = Values(p);

        Assert.Throws<ObjectDisposedException>(() => optimizer.step());

        Assert.Equal(before, Values(p));
        Assert.Equal(1, StateOf(optimizer, 0).step);
    }

    [Theory]
    [InlineData(ScalarType.Int32)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Bool)]
    [InlineData(ScalarType.ComplexFloat32)]
    public void AddingAParameterOfAnUnsteppableDtype_ThrowsNamingItAndTheDtype(ScalarType dtype)
    {
        Parameter good = Parameter(new Random(1), [4], ScalarType.Float32);
        var bad = new Parameter(torch.zeros([4], dtype), requires_grad: false);
        using var optimizer = new AdaMomentum([good]);

        var e = Assert.Throws<ArgumentException>(() => new AdaMomentum([good, bad]));
        var added = Assert.Throws<ArgumentException>(() => optimizer.add_param_group(new AdaMomentum.ParamGroup([bad])));

        Assert.Contains("Parameter 1 of group 0", e.Message);
        Assert.Contains(dtype.ToString(), e.Message);
        Assert.Contains("Parameter 0 of group 1", added.Message);
        Assert.Single(optimizer.ParamGroups);
    }

    [Fact]
    public void Step_WithOneGradientOfTheWrongDtype_ChangesNoParameterAndNoStepCount()
    {
        Parameter a = Parameter(new Random(1), [6], ScalarType.Float32), b = Parameter(new Random(2), [6], ScalarType.Float32);
        using var optimizer = new AdaMomentum([a, b]);
        a.grad = torch.ones_like(a);
        b.grad = torch.ones([6], ScalarType.Float64);
        double[] before = Values(a);

        var e = Assert.Throws<ArgumentException>(() => optimizer.step());

        Assert.Contains("Parameter 1 is Float32", e.Message);
        Assert.Contains("gradient is Float64", e.Message);
        Assert.Equal(before, Values(a));
        Assert.Equal((0L, 0L), (StateOf(optimizer, 0).step, StateOf(optimizer, 1).step));
    }

    [Theory]
    [InlineData(NonFiniteGradients.Throw)]
    [InlineData(NonFiniteGradients.Skip)]
    [InlineData(NonFiniteGradients.Ignore)]
    public void Step_WithASparseGradient_ThrowsNotSupportedUnderEveryPolicy(NonFiniteGradients policy)
    {
        Parameter dense = Parameter(new Random(1), [5], ScalarType.Float32), sparse = Parameter(new Random(2), [5], ScalarType.Float32);
        using var optimizer = new AdaMomentum([dense, sparse], non_finite_gradients: policy);
        dense.grad = torch.ones_like(dense);
        sparse.grad = torch.sparse_coo_tensor(torch.tensor(new long[] { 1, 3 }).reshape(1, 2), torch.ones(2), [5]);
        double[] before = Values(dense);

        var e = Assert.Throws<NotSupportedException>(() => optimizer.step());

        Assert.Contains("Parameter 1 has a sparse gradient", e.Message);
        Assert.Equal(before, Values(dense));
        Assert.Equal(0, StateOf(optimizer, 0).step);
    }

    public static TheoryData<string> DuplicateWays => new() { "one group", "two groups", "add_param_group" };

    [Theory]
    [MemberData(nameof(DuplicateWays))]
    public void TheSameParameterTwice_IsRefused(string how)
    {
        Parameter p = Parameter(new Random(1), [4], ScalarType.Float32), q = Parameter(new Random(2), [4], ScalarType.Float32);

        ArgumentException e;
        if (how == "add_param_group")
        {
            using var optimizer = new AdaMomentum([p, q]);
            e = Assert.Throws<ArgumentException>(() => optimizer.add_param_group(new AdaMomentum.ParamGroup([q])));
            Assert.Single(optimizer.ParamGroups);
            Assert.Equal(2, optimizer.parameters().Count());
        }
        else
        {
            e = Assert.Throws<ArgumentException>(() => new AdaMomentum(how == "one group"
                ? [new AdaMomentum.ParamGroup([p, q, p])]
                : [new AdaMomentum.ParamGroup([p]), new AdaMomentum.ParamGroup([q, p])]));
        }
        Assert.Contains("already optimized", e.Message);
    }

    [Theory]
    [InlineData("eps", 1e-50, true)]
    [InlineData("eps", 1e-50, false)]
    [InlineData("lr", 1e39, true)]
    [InlineData("lr", 1e39, false)]
    public void Step_WithAValueFloat32CannotHold_ThrowsNamingItAndChangesNothing(string name, double value, bool fused)
    {
        Parameter single = Parameter(new Random(1), [6], ScalarType.Float32), wide = Parameter(new Random(2), [6], ScalarType.Float64);
        using var optimizer = name == "eps"
            ? new AdaMomentum([wide, single], eps: value) { FusedCpuStepEnabled = fused }
            : new AdaMomentum([wide, single], lr: value) { FusedCpuStepEnabled = fused };
        single.grad = torch.full_like(single, 1e-3);
        wide.grad = torch.full_like(wide, 1e-3);
        double[] before = Values(wide);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.step());

        Assert.Equal(name, e.ParamName);
        Assert.Contains("Single", e.Message);
        Assert.Equal(before, Values(wide));
        Assert.Equal(0, StateOf(optimizer, 0).step);

        single.grad = null;
        optimizer.step();
        Assert.All(Values(wide), x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void Step_WhoseStepCountWouldOverflow_ThrowsAndChangesNothing()
    {
        Parameter p = Parameter(new Random(1), [6], ScalarType.Float32);
        using var optimizer = new AdaMomentum([p]);
        StateOf(optimizer, 0).step = long.MaxValue;
        p.grad = torch.ones_like(p);
        double[] before = Values(p);

        Assert.Throws<InvalidOperationException>(() => optimizer.step());

        Assert.Equal(before, Values(p));
        Assert.Equal(long.MaxValue, StateOf(optimizer, 0).step);
    }

    [Fact]
    public void Step_OnTwoParametersThatShareMemory_ThrowsNamingThemAndChangesNothing()
    {
        Parameter whole = Parameter(new Random(1), [64], ScalarType.Float32);
        var half = new Parameter(whole.detach().narrow(0, 32, 32));
        using var optimizer = new AdaMomentum([whole, half]);
        whole.grad = torch.ones_like(whole);
        half.grad = torch.ones_like(half);
        double[] before = Values(whole);

        var e = Assert.Throws<ArgumentException>(() => optimizer.step());

        Assert.Contains("parameter 1's values overlaps parameter 0's values", e.Message);
        Assert.Equal(before, Values(whole));
        Assert.Equal((0L, 0L), (StateOf(optimizer, 0).step, StateOf(optimizer, 1).step));
    }

    [Fact]
    public void Step_AfterTheParameterWasResizedInPlace_ThrowsNamingItInsteadOfWritingPastItsMoments()
    {
        var p = new Parameter(torch.zeros(4));
        using var optimizer = new AdaMomentum([p]);
        p.grad = torch.ones(4);
        optimizer.step();
        using (torch.no_grad())
        {
            p.set_(torch.zeros(8));
        }
        p.grad = torch.ones(8);

        var e = Assert.Throws<InvalidOperationException>(() => optimizer.step());

        Assert.Contains("Parameter 0 no longer fits its state", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Equal(new double[8], Values(p));
        Assert.Equal(1, StateOf(optimizer, 0).step);
    }

    [Fact]
    public void AddingAnExpandedParameter_IsRefusedBecauseItsElementsShareMemory()
    {
        var expanded = new Parameter(torch.ones(1).expand(4));

        var e = Assert.Throws<ArgumentException>(() => new AdaMomentum([Parameter(new Random(1), [4], ScalarType.Float32), expanded]));

        Assert.Contains("Parameter 1 of group 0", e.Message);
        Assert.Contains("share memory", e.Message);
    }

    [Fact]
    public void AddingAMetaDeviceParameter_IsRefused()
    {
        var meta = new Parameter(torch.zeros([4], device: torch.META));

        var e = Assert.Throws<ArgumentException>(() => new AdaMomentum([meta]));

        Assert.Contains("meta device", e.Message);
    }

    [Fact]
    public void Step_AfterTheModelReplacedItsParameters_SaysSo()
    {
        var model = torch.nn.Linear(3, 2);
        using var optimizer = new AdaMomentum(model.parameters());
        model.to(ScalarType.Float64);

        var e = Assert.Throws<ObjectDisposedException>(() => optimizer.step());

        Assert.Contains("Parameter", e.Message);
    }

    [Fact]
    public void LoadStateDictionary_WithANegativeStepCount_IsRefusedAndChangesNothing()
    {
        Parameter p = Parameter(new Random(1), [4], ScalarType.Float32), q = Parameter(new Random(2), [4], ScalarType.Float32);
        using var optimizer = new AdaMomentum([p]);
        using var source = new AdaMomentum([q]);
        StateOf(source, 0).step = -9;

        var e = Assert.Throws<ArgumentException>(() => optimizer.load_state_dict(source.state_dict()));

        Assert.Contains("step count -9", e.Message);
        Assert.Equal(0, StateOf(optimizer, 0).step);
    }

    [Fact]
    public void LoadStateDictionary_WithAnInvalidOption_IsRefusedNamingIt()
    {
        Parameter p = Parameter(new Random(1), [4], ScalarType.Float32), q = Parameter(new Random(2), [4], ScalarType.Float32);
        using var optimizer = new AdaMomentum([p]);
        using var source = new AdaMomentum([q]);
        ((AdaMomentum.ParamGroup)source.ParamGroups.First()).Options.beta2 = 7;

        var e = Assert.Throws<ArgumentException>(() => optimizer.load_state_dict(source.state_dict()));

        Assert.Contains("beta2", e.Message);
        Assert.Equal(0.999, ((AdaMomentum.ParamGroup)optimizer.ParamGroups.First()).Options.beta2);
    }

    [Fact]
    public void Step_WithAGroupOptionSetToNull_NamesTheOption()
    {
        Parameter p = Parameter(new Random(1), [4], ScalarType.Float32);
        using var optimizer = new AdaMomentum([p]);
        ((AdaMomentum.ParamGroup)optimizer.ParamGroups.First()).Options.beta1 = null;
        p.grad = torch.ones_like(p);
        double[] before = Values(p);

        var e = Assert.Throws<ArgumentNullException>(() => optimizer.step());

        Assert.Equal("beta1", e.ParamName);
        Assert.Equal(before, Values(p));
    }

    [Fact]
    public void InvalidBetasAndThreadCounts_AreRefusedWhenSet_NamingThem()
    {
        using var optimizer = new AdaMomentum([Parameter(new Random(1), [4], ScalarType.Float32)]);

        var betas = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.Betas = (2, 0.999));
        var threads = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.MaxDegreeOfParallelism = 0);

        Assert.Equal("beta1", betas.ParamName);
        Assert.Equal((0.9, 0.999), optimizer.Betas);
        Assert.Equal(nameof(AdaMomentum.MaxDegreeOfParallelism), threads.ParamName);
    }

    [Fact]
    public void RefusedGroup_LeavesTheCallersOptionsAsTheyWere()
    {
        using var optimizer = new AdaMomentum([Parameter(new Random(1), [4], ScalarType.Float32)]);
        var options = new AdaMomentum.Options { beta2 = 7 };

        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.add_param_group(new AdaMomentum.ParamGroup([Parameter(new Random(2), [4], ScalarType.Float32)], options)));

        Assert.Null(options.LearningRate);
        Assert.Null(options.beta1);
    }

    [Fact]
    public void LoadCheckpoint_WhoseStepCountWouldOverflow_IsRefusedAndChangesNothing()
    {
        Parameter p = Parameter(new Random(1), [4], ScalarType.Float32), q = Parameter(new Random(2), [4], ScalarType.Float32);
        using var source = new AdaMomentum([q]);
        StateOf(source, 0).step = long.MaxValue;
        byte[] checkpoint = Checkpoint(source);
        using var optimizer = new AdaMomentum([p]);

        var e = Assert.Throws<InvalidDataException>(() => optimizer.load_state_dict(new BinaryReader(new MemoryStream(checkpoint))));

        Assert.Contains(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message);
        Assert.Equal(0, StateOf(optimizer, 0).step);
    }

    [Fact]
    public void SavingThroughTorchSharpsBaseMethod_RefusesOptionsItsLayoutWouldLose()
    {
        Parameter p = Parameter(new Random(1), [4], ScalarType.Float32);
        using var optimizer = new AdaMomentum([p], rectify: true, degenerated_to_sgd: false);
        var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);

        var e = Assert.Throws<NotSupportedException>(() => ((OptimizerHelper)optimizer).save_state_dict(writer));

        Assert.Contains("degenerated_to_sgd", e.Message);
        Assert.Contains("AdaMomentum.save_state_dict", e.Message);
    }
}
