using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests.Family;

/// <summary>
/// What every optimizer of the family promises through <see cref="AdaptiveOptimizer{TOptions, TState}"/>, checked for
/// each member of <see cref="FamilyMembers.All"/> (as pytorch-optimizer's matrix checks every optimizer of its registry).
/// </summary>
public class FamilyContractTests
{
    public static TheoryData<string> Members => FamilyMembers.Names;

    [Theory]
    [MemberData(nameof(Members))]
    public void SaveThenLoad_ResumesBitIdentically(string name)
    {
        FamilyMember member = FamilyMembers.Named(name);
        Parameter[] trained = NewParameters(1);
        using OptimizerHelper original = member.Create(trained);
        Steps(original, trained, from: 0, count: 7);
        byte[] checkpoint = Save(original);

        Parameter[] resumed = trained.Select(p => new Parameter(p.detach().clone())).ToArray();
        using OptimizerHelper loaded = member.Create(resumed);
        Load(loaded, checkpoint);
        Steps(original, trained, from: 7, count: 5);
        Steps(loaded, resumed, from: 7, count: 5);

        Assert.Equal(Save(original), Save(loaded));
        Assert.All(trained.Zip(resumed), pair => Assert.Equal(Values(pair.First), Values(pair.Second)));
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void AnOutOfRangeOption_IsRefusedByStep_NamingIt_WithNothingChanged(string name)
    {
        Parameter[] parameters = NewParameters(2);
        using OptimizerHelper optimizer = FamilyMembers.Named(name).Create(parameters);
        Steps(optimizer, parameters, from: 0, count: 2);
        var options = (AdaptiveOptions)((global::TorchSharp.Modules.ParamGroup)optimizer.ParamGroups.Last()).Options;
        options["beta2"] = 1.5;
        Snapshot before = Snapshot.Of(optimizer, parameters, skipOptions: true);
        SetGradients(parameters, step: 2);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.step());

        Assert.Equal("beta2", e.ParamName);
        Assert.StartsWith("beta2 = 1.5: it must be in [0, 1).", e.Message);
        Snapshot.Of(optimizer, parameters, skipOptions: true).AssertSame(before);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void AnOutOfRangeKeyword_IsRefusedByTheConstructor_NamingItsValueAndRule(string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            FamilyMembers.Named(name).CreateWith(NewParameters(3), new Dictionary<string, double> { ["lr"] = -0.5 }));

        Assert.Equal("lr", e.ParamName);
        Assert.StartsWith("lr = -0.5: it must be a finite number ≥ 0.", e.Message);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void AGradientOfAnotherShape_IsRefused_WithNothingChanged(string name)
    {
        Parameter[] parameters = NewParameters(4);
        using OptimizerHelper optimizer = FamilyMembers.Named(name).Create(parameters);
        Steps(optimizer, parameters, from: 0, count: 2);
        Snapshot before = Snapshot.Of(optimizer, parameters);
        SetGradients(parameters, step: 2);
        parameters[1].grad = torch.ones(7);

        var e = Assert.Throws<ArgumentException>(() => optimizer.step());

        Assert.Contains("Parameter 1 has shape [5] but its gradient has [7]", e.Message);
        Snapshot.Of(optimizer, parameters).AssertSame(before);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void TruncatedOrCorruptCheckpoints_AreRefused_WithNothingChanged(string name)
    {
        FamilyMember member = FamilyMembers.Named(name);
        Parameter[] source = NewParameters(5);
        using OptimizerHelper saved = member.Create(source);
        Steps(saved, source, from: 0, count: 3);
        byte[] checkpoint = Save(saved);
        Parameter[] parameters = NewParameters(6);
        using OptimizerHelper target = member.Create(parameters);
        Steps(target, parameters, from: 0, count: 1);
        Snapshot before = Snapshot.Of(target, parameters);

        foreach (int length in new[] { 0, 1, 8, 20, checkpoint.Length / 2, checkpoint.Length - 9, checkpoint.Length - 1 })
        {
            Assert.Throws<InvalidDataException>(() => Load(target, checkpoint[..length]));
        }
        byte[] corrupt = (byte[])checkpoint.Clone();
        corrupt[corrupt.Length / 2] ^= 0x10;
        var e = Assert.Throws<InvalidDataException>(() => Load(target, corrupt));

        Assert.Contains("checksum", e.Message);
        Snapshot.Of(target, parameters).AssertSame(before);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void AnotherMembersCheckpoint_IsRefused_NamingBoth(string name)
    {
        FamilyMember member = FamilyMembers.Named(name), other = FamilyMembers.All.First(m => m != member);
        Parameter[] parameters = NewParameters(7);
        using OptimizerHelper foreign = other.Create(parameters);
        using OptimizerHelper target = member.Create(parameters.Select(p => new Parameter(p.detach().clone())).ToArray());

        var e = Assert.Throws<InvalidDataException>(() => Load(target, Save(foreign)));

        Assert.Contains($"written by the '{other.Name}' optimizer, not by {member.Name}", e.Message);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void ACheckpointOfOtherGroupSizes_IsRefused(string name)
    {
        FamilyMember member = FamilyMembers.Named(name);
        using OptimizerHelper twoGroups = member.Create(NewParameters(8));
        twoGroups.add_param_group(Group(twoGroups, Parameter(new Random(9), [2], ScalarType.Float32)));
        using OptimizerHelper oneGroup = member.Create(NewParameters(10).Append(Parameter(new Random(11), [2], ScalarType.Float32)).ToArray());

        var e = Assert.Throws<InvalidDataException>(() => Load(oneGroup, Save(twoGroups)));

        Assert.Contains("2 parameter groups; this optimizer has 1", e.Message);
    }

    /// <summary>In memory as in a file: a state dictionary whose groups hold other numbers of parameters (of the same
    /// shapes and the same total) is refused, naming the group, and nothing changes.</summary>
    [Theory]
    [MemberData(nameof(Members))]
    public void AStateDictionaryGroupedOtherwise_IsRefused_WithNothingChanged(string name)
    {
        FamilyMember member = FamilyMembers.Named(name);
        Parameter[] source = [.. Enumerable.Range(20, 3).Select(seed => Parameter(new Random(seed), [4], ScalarType.Float32))];
        using OptimizerHelper twoThenOne = member.Create(source[..2]);
        twoThenOne.add_param_group(Group(twoThenOne, source[2..]));
        Array.ForEach(source, p => p.grad = torch.ones_like(p));
        twoThenOne.step();
        Parameter[] parameters = [.. Enumerable.Range(30, 3).Select(seed => Parameter(new Random(seed), [4], ScalarType.Float32))];
        using OptimizerHelper oneThenTwo = member.Create(parameters[..1]);
        oneThenTwo.add_param_group(Group(oneThenTwo, parameters[1..]));
        Array.ForEach(parameters, p => p.grad = torch.ones_like(p));
        oneThenTwo.step();
        Snapshot before = Snapshot.Of(oneThenTwo, parameters);

        var e = Assert.Throws<ArgumentException>(() => oneThenTwo.load_state_dict(twoThenOne.state_dict()));

        Assert.StartsWith("Group 0 of the state dictionary has 2 parameters; this optimizer's group 0 has 1.", e.Message);
        Snapshot.Of(oneThenTwo, parameters).AssertSame(before);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void NonFiniteGradients_AreThrownSkippedOrLetThrough_AsThePolicySays(string name)
    {
        Parameter[] parameters = NewParameters(12);
        using OptimizerHelper optimizer = FamilyMembers.Named(name).Create(parameters);
        var policy = (IAdaptiveOptimizer)optimizer;
        Steps(optimizer, parameters, from: 0, count: 2);
        Snapshot before = Snapshot.Of(optimizer, parameters);
        SetGradients(parameters, step: 2);
        parameters[1].grad![3] = double.NaN;

        var e = Assert.Throws<NonFiniteGradientException>(() => optimizer.step());
        Snapshot.Of(optimizer, parameters).AssertSame(before);
        policy.NonFiniteGradients = NonFiniteGradients.Skip;
        optimizer.step();
        Snapshot.Of(optimizer, parameters).AssertSame(before);
        Assert.Equal((true, 1L), (policy.LastStepSkipped, policy.SkippedSteps));
        policy.NonFiniteGradients = NonFiniteGradients.Ignore;
        optimizer.step();

        Assert.Contains("Gradient element 3 of buffer 1 is NaN", e.Message);
        Assert.False(policy.LastStepSkipped);
        Assert.True(double.IsNaN(Values(parameters[1])[3]));
        Assert.True(Values(parameters[0]).All(double.IsFinite));
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void OnAQuadratic_TheLossFallsAHundredfold(string name)
    {
        // f(x) = ½ Σ aᵢ xᵢ², curvatures over two decades: every member must make steady progress with lr 0.01.
        double[] curvature = [0.1, 0.3, 1, 3, 10];
        var x = new Parameter(torch.tensor(new double[] { 1, -1.5, 2, -0.5, 1.2 }));
        using var a = torch.tensor(curvature);
        using OptimizerHelper optimizer = FamilyMembers.Named(name).CreateWith([x], new Dictionary<string, double> { ["lr"] = 0.01 });
        double Loss() => 0.5 * Values(x).Zip(curvature).Sum(pair => pair.Second * pair.First * pair.First);
        double initial = Loss();

        for (int t = 0; t < 1500; t++)
        {
            using (torch.no_grad())
            {
                x.grad = a * x;
            }
            optimizer.step();
        }

        Assert.InRange(Loss(), 0, initial / 100);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void StepLR_ScalesTheNextStepByItsGamma(string name)
    {
        FamilyMember member = FamilyMembers.Named(name);
        var options = new Dictionary<string, double> { ["lr"] = 0.01 };
        var (scheduled, constant) = (new Parameter(torch.linspace(-1, 1, 7, dtype: ScalarType.Float64)), new Parameter(torch.linspace(-1, 1, 7, dtype: ScalarType.Float64)));
        using OptimizerHelper withScheduler = member.CreateWith([scheduled], options), without = member.CreateWith([constant], options);
        var scheduler = torch.optim.lr_scheduler.StepLR(withScheduler, step_size: 1, gamma: 0.1);
        for (int step = 0; step < 2; step++)
        {
            if (step == 1)
            {
                scheduler.step();
            }
            scheduled.grad = torch.cos(scheduled.detach() * 3 + step);
            constant.grad = torch.cos(constant.detach() * 3 + step);
            using Tensor before = scheduled.detach().clone();
            withScheduler.step();
            without.step();
            using Tensor reduced = scheduled.detach() - before, full = constant.detach() - before;
            double expected = step == 0 ? 1 : 0.1;
            Assert.True((reduced - expected * full).abs().max().item<double>() <= 1e-9 * full.abs().max().item<double>(), $"step {step}");
        }

        Assert.Equal(0.001, withScheduler.ParamGroups.Single().LearningRate, 1e-15);
    }

    [Theory]
    [MemberData(nameof(Members))]
    public void LowPrecisionParameters_StepAsTheirFloat32Copies_RoundedOnce(string name)
    {
        FamilyMember member = FamilyMembers.Named(name);
        Parameter half = Parameter(new Random(13), [4, 5], ScalarType.BFloat16);
        var single = new Parameter(half.detach().to(ScalarType.Float32));
        using OptimizerHelper low = member.Create(half), high = member.Create(single);

        for (int step = 0; step < 4; step++)
        {
            half.grad = Random(new Random(step), [4, 5], 1, ScalarType.BFloat16);
            single.grad = half.grad.to(ScalarType.Float32);
            low.step();
            high.step();
            Assert.Equal(Values(single.detach().to(ScalarType.BFloat16)), Values(half));
            single.detach().copy_(half.detach().to(ScalarType.Float32));
        }
    }

    private static Parameter[] NewParameters(int seed) =>
        [Parameter(new Random(seed), [3, 4], ScalarType.Float32), Parameter(new Random(seed + 100), [5], ScalarType.Float32)];

    private static void SetGradients(Parameter[] parameters, int step)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i].grad = Random(new Random(1000 * step + i), parameters[i].shape, 1, ScalarType.Float32);
        }
    }

    private static void Steps(OptimizerHelper optimizer, Parameter[] parameters, int from, int count)
    {
        for (int step = from; step < from + count; step++)
        {
            SetGradients(parameters, step);
            optimizer.step();
        }
    }

    /// <summary>A group of the optimizer's own kind (its options type, every value unset) around <paramref name="parameter"/>.</summary>
    private static global::TorchSharp.Modules.ParamGroup Group(OptimizerHelper optimizer, params Parameter[] parameters)
    {
        var options = (OptimizerOptions)Activator.CreateInstance(((global::TorchSharp.Modules.ParamGroup)optimizer.ParamGroups.First()).Options.GetType())!;
        return new global::TorchSharp.Modules.ParamGroup { Parameters = parameters, Options = options };
    }

    private static byte[] Save(OptimizerHelper optimizer)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            ((IAdaptiveOptimizer)optimizer).save_state_dict(writer);
        }
        return stream.ToArray();
    }

    private static void Load(OptimizerHelper optimizer, byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes));
        ((IAdaptiveOptimizer)optimizer).load_state_dict(reader);
    }

    /// <summary>Everything a refused step or load must leave as it was: the checkpoint bytes (options, steps, moments) and the parameters.</summary>
    private sealed record Snapshot(byte[]? Checkpoint, double[][] Parameters, long[] Steps)
    {
        public static Snapshot Of(OptimizerHelper optimizer, Parameter[] parameters, bool skipOptions = false) =>
            new(skipOptions ? null : Save(optimizer), parameters.Select(p => Values(p)).ToArray(),
                optimizer.state_dict().State.Select(s => ((AdaptiveState)s).step).ToArray());

        public void AssertSame(Snapshot other)
        {
            Assert.Equal(Checkpoint, other.Checkpoint);
            Assert.Equal(Steps, other.Steps);
            Assert.All(Parameters.Zip(other.Parameters), pair => Assert.Equal(pair.First, pair.Second));
        }
    }
}
