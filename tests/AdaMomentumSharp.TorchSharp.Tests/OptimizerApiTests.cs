using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

public class OptimizerApiTests
{
    [Fact]
    public void Defaults_AreTheOfficialOnes()
    {
        using var optimizer = new AdaMomentum([Parameter(new Random(1), [2], ScalarType.Float32)]);
        var group = (AdaMomentum.ParamGroup)optimizer.ParamGroups.Single();

        Assert.Equal((1e-3, 0.9, 0.999, 1e-16, 0.0), (group.LearningRate, group.Options.beta1, group.Options.beta2, group.Options.eps, group.Options.weight_decay));
        Assert.Equal((false, false, false, false), (group.Options.decoupled_weight_decay, group.Options.amsgrad, group.Options.maximize, group.Options.rectify));
        Assert.Equal(NonFiniteGradients.Throw, optimizer.NonFiniteGradients);
    }

    [Fact]
    public void AddParamGroup_WithItsOwnLearningRate_StepsThatGroupWithIt()
    {
        Parameter a = Parameter(new Random(1), [6], ScalarType.Float64), b = Parameter(new Random(2), [6], ScalarType.Float64);
        using var optimizer = new AdaMomentum([a], lr: 0.01);
        optimizer.add_param_group(new AdaMomentum.ParamGroup([b], lr: 0.1, decoupled_weight_decay: true, weight_decay: 0.1));
        double[] a0 = Values(a), b0 = Values(b);
        a.grad = torch.ones_like(a);
        b.grad = torch.ones_like(b);

        optimizer.step();

        // Step 1 with g = 1: m = 0.1, v = 1e-5 + eps, so the update is lr · 0.1/0.1 / sqrt(v/0.001) ≈ lr / 0.1.
        Assert.All(a0.Zip(Values(a)), pair => Assert.Equal(pair.First - 0.1, pair.Second, 1e-9));
        Assert.All(b0.Zip(Values(b)), pair => Assert.Equal(pair.First * (1 - 0.1 * 0.1) - 1.0, pair.Second, 1e-9));
        Assert.Equal(0.01, ((AdaMomentum.ParamGroup)optimizer.ParamGroups.First()).InitialLearningRate);
    }

    [Fact]
    public void ZeroGrad_ZeroesEveryGradient()
    {
        Parameter a = Parameter(new Random(1), [6], ScalarType.Float32);
        using var optimizer = new AdaMomentum([a]);
        a.grad = torch.ones_like(a);

        optimizer.zero_grad();

        Assert.All(Values(a.grad!), x => Assert.Equal(0, x));
    }

    [Fact]
    public void To_Cpu_KeepsStateUsable()
    {
        Parameter a = Parameter(new Random(1), [6], ScalarType.Float32);
        using var optimizer = new AdaMomentum([a]);
        a.grad = torch.ones_like(a);
        optimizer.step();

        optimizer.to(torch.CPU);
        a.grad = torch.ones_like(a);
        optimizer.step();

        Assert.Equal(2, StateOf(optimizer, 0).step);
        Assert.Equal(DeviceType.CPU, StateOf(optimizer, 0).exp_avg.device_type);
    }

    [Fact]
    public void AddParamGroup_WithAnotherOptimizersOptions_Throws()
    {
        using var optimizer = new AdaMomentum([Parameter(new Random(1), [2], ScalarType.Float32)]);

        var e = Assert.Throws<ArgumentException>(() => optimizer.add_param_group(
            new Adam.ParamGroup([Parameter(new Random(2), [2], ScalarType.Float32)])));

        Assert.Contains("AdaMomentum.Options", e.Message);
        Assert.Single(optimizer.ParamGroups);
    }
}
