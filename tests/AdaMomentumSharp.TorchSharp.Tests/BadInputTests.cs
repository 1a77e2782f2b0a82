using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

public class BadInputTests
{
    public static TheoryData<string, Func<IEnumerable<Parameter>, AdaMomentum>> InvalidArguments => new()
    {
        { "lr", p => new AdaMomentum(p, lr: -1e-3) },
        { "lr", p => new AdaMomentum(p, lr: double.NaN) },
        { "beta1", p => new AdaMomentum(p, beta1: 1) },
        { "beta2", p => new AdaMomentum(p, beta2: -0.5) },
        { "eps", p => new AdaMomentum(p, eps: -1e-8) },
        { "weight_decay", p => new AdaMomentum(p, weight_decay: -5e-4) },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public void Constructor_InvalidHyperparameter_ThrowsNamingTheArgument(string name, Func<IEnumerable<Parameter>, AdaMomentum> create)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => create([Parameter(new Random(1), [3], ScalarType.Float32)]));

        Assert.Equal(name, e.ParamName);
        Assert.StartsWith(name + " ", e.Message);
        Assert.Contains(" must ", e.Message);
    }

    [Fact]
    public void Step_AfterAGroupOptionWasSetOutOfRange_ThrowsAndChangesNothing()
    {
        Parameter a = Parameter(new Random(1), [4], ScalarType.Float32), b = Parameter(new Random(2), [4], ScalarType.Float32);
        using var optimizer = new AdaMomentum([new AdaMomentum.ParamGroup([a]), new AdaMomentum.ParamGroup([b])]);
        a.grad = torch.ones_like(a);
        b.grad = torch.ones_like(b);
        ((AdaMomentum.ParamGroup)optimizer.ParamGroups.Last()).Options.beta2 = 1.5;
        double[] before = Values(a);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.step());

        Assert.Equal("beta2", e.ParamName);
        Assert.Equal(before, Values(a));
        Assert.Equal(0, StateOf(optimizer, 0).step);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Step_NaNGradientUnderThrow_NamesParameterAndElementAndChangesNothing(bool fused)
    {
        var (parameters, optimizer) = TwoParameters(NonFiniteGradients.Throw, fused);
        byte[] before = Checkpoint(optimizer);
        double[][] values = parameters.Select(Values).ToArray();

        var e = Assert.Throws<NonFiniteGradientException>(() => optimizer.step());

        Assert.Equal((1, 5L), (e.BufferIndex, e.ElementIndex));
        Assert.True(double.IsNaN(e.Value));
        Assert.Equal(before, Checkpoint(optimizer));
        Assert.Equal(values, parameters.Select(Values).ToArray());
    }

    [Fact]
    public void Step_NaNGradientUnderSkip_SkipsTheWholeStepAndSaysSo()
    {
        var (parameters, optimizer) = TwoParameters(NonFiniteGradients.Skip, fused: true);
        byte[] before = Checkpoint(optimizer);
        double[][] values = parameters.Select(Values).ToArray();

        optimizer.step();

        Assert.True(optimizer.LastStepSkipped);
        Assert.Equal(1, optimizer.SkippedSteps);
        Assert.Equal(before, Checkpoint(optimizer));
        Assert.Equal(values, parameters.Select(Values).ToArray());

        parameters[1].grad = torch.ones_like(parameters[1]);
        optimizer.step();
        Assert.False(optimizer.LastStepSkipped);
        Assert.Equal(1, StateOf(optimizer, 1).step);
    }

    [Fact]
    public void Step_NaNGradientUnderIgnore_ReachesOnlyThatElement()
    {
        var (parameters, optimizer) = TwoParameters(NonFiniteGradients.Ignore, fused: true);

        optimizer.step();

        double[] second = Values(parameters[1]);
        Assert.True(double.IsNaN(second[5]));
        Assert.Equal(second.Length - 1, second.Count(double.IsFinite));
        Assert.All(Values(parameters[0]), x => Assert.True(double.IsFinite(x)));
    }

    [Fact]
    public void Step_ParameterWithoutGradient_IsLeftAlone()
    {
        Parameter used = Parameter(new Random(1), [4], ScalarType.Float32), unused = Parameter(new Random(2), [4], ScalarType.Float32);
        using var optimizer = new AdaMomentum([used, unused]);
        used.grad = torch.ones_like(used);
        double[] before = Values(unused);

        optimizer.step();

        Assert.Equal(before, Values(unused));
        Assert.Equal((1L, 0L), (StateOf(optimizer, 0).step, StateOf(optimizer, 1).step));
    }

    private static (Parameter[], AdaMomentum) TwoParameters(NonFiniteGradients policy, bool fused)
    {
        Parameter[] parameters = [Parameter(new Random(1), [3, 3], ScalarType.Float32), Parameter(new Random(2), [8], ScalarType.Float32)];
        var optimizer = new AdaMomentum(parameters, non_finite_gradients: policy) { FusedCpuStepEnabled = fused };
        parameters[0].grad = torch.ones_like(parameters[0]);
        optimizer.step();
        parameters[0].grad = torch.ones_like(parameters[0]);
        Tensor g = torch.ones_like(parameters[1]);
        g[5] = torch.tensor(float.NaN);
        parameters[1].grad = g;
        return (parameters, optimizer);
    }
}
