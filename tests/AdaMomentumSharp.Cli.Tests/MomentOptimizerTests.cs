using AdaMomentumSharp.Cli.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

using AdaBelief = AdaMomentumSharp.Cli.Optimizers.AdaBelief;
using AdaBound = AdaMomentumSharp.Cli.Optimizers.AdaBound;
using Yogi = AdaMomentumSharp.Cli.Optimizers.Yogi;
using RAdam = AdaMomentumSharp.Cli.Optimizers.RAdam;

/// <summary>The baselines' shared loop: parameter groups, the one validation, and all-or-nothing state loading.</summary>
public sealed class MomentOptimizerTests
{
    [Fact]
    public void AddParamGroup_WithoutOptions_TakesTheDefaults_AndStepsLikeTheFirstGroup()
    {
        Parameter first = NewParameter(), second = NewParameter();
        using var optimizer = new AdaBelief([first], lr: 0.05, beta1: 0.8, eps: 1e-10);

        optimizer.add_param_group(new TorchSharp.Modules.ParamGroup { Parameters = [second] });
        for (int t = 1; t <= 3; t++)
        {
            first.grad = Gradient(t);
            second.grad = Gradient(t);
            optimizer.step();
        }

        var options = (MomentOptimizer.Options)optimizer.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>().Last().Options;
        Assert.Equal((0.05, 0.8, 0.999, 1e-10, 0.0), (options.LearningRate, options.beta1, options.beta2, options.eps, options.weight_decay));
        Assert.True(Same(first, second));
    }

    [Fact]
    public void AddParamGroup_WithSomeOptions_TakesTheRestFromTheDefaults()
    {
        using var optimizer = new Yogi([NewParameter()], lr: 0.01, beta2: 0.99);

        optimizer.add_param_group(new ParamGroup<MomentOptimizer.Options>([NewParameter()], new MomentOptimizer.Options { LearningRate = 0.5, beta1 = 0.7 }));

        var options = (MomentOptimizer.Options)optimizer.ParamGroups.Cast<TorchSharp.Modules.ParamGroup>().Last().Options;
        Assert.Equal((0.5, 0.5, 0.7, 0.99), (options.LearningRate, options.InitialLearningRate, options.beta1, options.beta2));
    }

    [Theory]
    [InlineData("lr", -1.0)]
    [InlineData("beta1", 1.0)]
    [InlineData("beta2", double.NaN)]
    [InlineData("eps", -1e-8)]
    [InlineData("weight_decay", double.PositiveInfinity)]
    public void AddParamGroup_InvalidHyperparameter_ThrowsNamingIt_AndAddsNothing(string name, double value)
    {
        using var optimizer = new RAdam([NewParameter()]);
        var options = new MomentOptimizer.Options();
        typeof(MomentOptimizer.Options).GetField(name)?.SetValue(options, value);
        if (name == "lr")
        {
            options.LearningRate = value;
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            optimizer.add_param_group(new ParamGroup<MomentOptimizer.Options>([NewParameter()], options)));

        Assert.Equal(name, e.ParamName);
        Assert.Single(optimizer.ParamGroups);
        Assert.Single(optimizer.state_dict().State);
    }

    [Fact]
    public void AddParamGroup_ParameterAlreadyThere_Throws()
    {
        Parameter p = NewParameter();
        using var optimizer = new AdaBound([p]);

        Assert.Throws<ArgumentException>(() => optimizer.add_param_group(new TorchSharp.Modules.ParamGroup { Parameters = [p] }));
        Assert.Single(optimizer.ParamGroups);
    }

    [Fact]
    public void AddParamGroup_AnotherOptimizersOptions_ThrowsNamingTheTypes()
    {
        using var optimizer = new AdaBound([NewParameter()]);

        var e = Assert.Throws<ArgumentException>(() => optimizer.add_param_group(
            new TorchSharp.Modules.ParamGroup { Parameters = [NewParameter()], Options = new TorchSharp.Modules.Adam.Options { LearningRate = 0.1 } }));

        Assert.Contains("Adam", e.Message);
        Assert.Single(optimizer.ParamGroups);
    }

    [Fact]
    public void Step_AfterTheGroupsLrWasSetToNaN_ThrowsNamingLr_AndChangesNothing()
    {
        Parameter p = NewParameter();
        using var optimizer = new AdaBelief([p], lr: 0.1);
        p.grad = Gradient(1);
        optimizer.step();
        byte[] before = Checkpoint(optimizer);
        using Tensor parameterBefore = p.detach().clone();

        optimizer.ParamGroups.First().LearningRate = double.NaN;
        p.grad = Gradient(2);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.step());

        Assert.Equal("lr", e.ParamName);
        Assert.True(Same(p, parameterBefore));
        optimizer.ParamGroups.First().LearningRate = 0.1;
        Assert.Equal(before, Checkpoint(optimizer));
    }

    [Theory]
    [InlineData("lr", -1.0, "must be a finite number ≥ 0; got -1")]
    [InlineData("lr", double.NaN, "must be a finite number ≥ 0; got NaN")]
    [InlineData("beta1", 1.0, "must be in [0, 1); got 1")]
    [InlineData("beta2", -0.5, "must be in [0, 1); got -0.5")]
    [InlineData("eps", double.PositiveInfinity, "must be a finite number ≥ 0; got Infinity")]
    [InlineData("weight_decay", -1e-3, "must be a finite number ≥ 0; got -0.001")]
    public void Constructor_InvalidHyperparameter_NamesItsValueAndTheRule(string name, double value, string rule)
    {
        double Pick(string n, double fallback) => n == name ? value : fallback;

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Yogi([NewParameter()], Pick("lr", 1e-2), Pick("beta1", 0.9), Pick("beta2", 0.999),
                                                                         Pick("eps", 1e-3), Pick("weight_decay", 0)));

        Assert.Equal(name, e.ParamName);
        Assert.Contains($"{name} {rule}", e.Message);
    }

    [Fact]
    public void MomentState_LoadTruncated_LeavesTheStateAsItWas()
    {
        Parameter p = NewParameter();
        using var trained = new RAdam([p]);
        for (int t = 1; t <= 4; t++)
        {
            p.grad = Gradient(t);
            trained.step();
        }
        var state = (MomentState)trained.state_dict().State[0];
        using var stream = new MemoryStream();
        state.SaveStateDict(new BinaryWriter(stream));
        byte[] saved = stream.ToArray();
        using var fresh = new RAdam([p]);
        var target = (MomentState)fresh.state_dict().State[0];

        Assert.ThrowsAny<Exception>(() => target.LoadStateDict(new BinaryReader(new MemoryStream(saved[..^4]))));

        Assert.Equal(0, target.Step);
        Assert.Equal(0, target.ExpAvg.abs().sum().item<float>());
        target.LoadStateDict(new BinaryReader(new MemoryStream(saved)));
        Assert.Equal(4, target.Step);
        Assert.True(Same(target.ExpAvgSq, state.ExpAvgSq));
    }

    /// <summary>Bit for bit the same values.</summary>
    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();

    private static Parameter NewParameter() => new(torch.tensor(new float[] { 0.5f, -1.5f, 2f, 0f, -0.25f }));

    private static Tensor Gradient(int t) => torch.tensor(Enumerable.Range(0, 5).Select(i => (float)(Math.Sin(0.7 * t + i) * (i + 1))).ToArray());

    private static byte[] Checkpoint(MomentOptimizer optimizer)
    {
        using var stream = new MemoryStream();
        optimizer.save_state_dict(new BinaryWriter(stream));
        return stream.ToArray();
    }
}
