using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests.Family;

public class OptimizersFactoryTests
{
    [Theory]
    [InlineData("adamomentum", typeof(AdaMomentum))]
    [InlineData("AdaBelief", typeof(AdaBelief))]
    [InlineData("radam", typeof(RAdam))]
    [InlineData("yogi", typeof(Yogi))]
    [InlineData("adabound", typeof(AdaBound))]
    [InlineData("adam", typeof(Adam))]
    [InlineData("adamw", typeof(AdamW))]
    [InlineData("SGD", typeof(SGD))]
    public void Create_EveryName_BuildsThatOptimizer_WithTheGivenLearningRateAndDecay(string name, Type type)
    {
        using var optimizer = (OptimizerHelper)Optimizers.Create(name, [Parameter(new Random(1), [3], ScalarType.Float32)], lr: 0.25, weight_decay: 0.125);

        Assert.IsType(type, optimizer);
        Assert.Equal((0.25, 0.125), (Group(optimizer, 0).LearningRate, WeightDecay(Group(optimizer, 0))));
    }

    [Theory]
    [InlineData("adamomentum")]
    [InlineData("adabelief")]
    [InlineData("radam")]
    [InlineData("yogi")]
    [InlineData("adabound")]
    public void Create_StepsAsTheFamilysConstructorWithTheSameArguments(string name)
    {
        Parameter fromFactory = Parameter(new Random(2), [4], ScalarType.Float64), direct = new(fromFactory.detach().clone());
        using var built = Optimizers.Create(name, [fromFactory], lr: 0.1, weight_decay: 0.01, beta1: 0.8, beta2: 0.99, eps: 1e-6);
        using OptimizerHelper expected = FamilyMembers.All.Single(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).CreateWith(
            [direct], new Dictionary<string, double> { ["lr"] = 0.1, ["weight_decay"] = 0.01, ["beta1"] = 0.8, ["beta2"] = 0.99, ["eps"] = 1e-6 });

        for (int step = 0; step < 3; step++)
        {
            fromFactory.grad = Random(new Random(step), [4], 1, ScalarType.Float64);
            direct.grad = fromFactory.grad.clone();
            built.step();
            expected.step();
        }

        Assert.Equal(Values(direct), Values(fromFactory));
    }

    [Fact]
    public void WeightDecayGroups_KeepDecayFromBiasesAndNormalizationWeights()
    {
        var model = nn.Sequential(nn.Linear(4, 3), nn.LayerNorm(3), nn.Linear(3, 2));

        var groups = WeightDecayGroups.Of(model);
        using var optimizer = (OptimizerHelper)Optimizers.Create("adamw", groups, lr: 1e-3, weight_decay: 0.05);

        Assert.Equal([[3, 4], [2, 3]], groups.Decayed.Select(p => p.shape));
        Assert.Equal([[3], [3], [3], [2]], groups.NotDecayed.Select(p => p.shape));
        Assert.Equal((0.05, 0.0), (WeightDecay(Group(optimizer, 0)), WeightDecay(Group(optimizer, 1))));
        Assert.Equal([2, 4], optimizer.ParamGroups.Cast<global::TorchSharp.Modules.ParamGroup>().Select(g => g.Parameters.Count()));
    }

    [Theory]
    [InlineData("lion", null, "name = 'lion': it must be one of adamomentum, adabelief, radam, yogi, adabound, adam, adamw, sgd.")]
    [InlineData("adam", -1.0, "lr = -1: it must be a finite number ≥ 0.")]
    [InlineData("sgd", 0.5, "beta1 = 0.5: sgd has no beta1; leave it unset.")]
    public void Create_BadArguments_AreRefusedNamingTheArgumentValueAndRule(string name, double? lrOrBeta1, string message)
    {
        Parameter p = Parameter(new Random(3), [3], ScalarType.Float32);

        var e = Assert.ThrowsAny<ArgumentException>(() => name == "sgd"
            ? Optimizers.Create(name, [p], lr: 0.1, beta1: lrOrBeta1)
            : Optimizers.Create(name, [p], lr: lrOrBeta1 ?? 1e-3));

        Assert.StartsWith(message, e.Message);
    }

    private static OptimizerOptions Group(OptimizerHelper optimizer, int index) =>
        ((global::TorchSharp.Modules.ParamGroup)optimizer.ParamGroups.ElementAt(index)).Options;

    private static double WeightDecay(OptimizerOptions options) => options switch
    {
        AdaptiveOptions family => family["weight_decay"]!.Value,
        Adam.Options adam => adam.weight_decay!.Value,
        AdamW.Options adamW => adamW.weight_decay!.Value,
        SGD.Options sgd => sgd.weight_decay!.Value,
        _ => throw new InvalidOperationException(options.GetType().FullName),
    };
}
