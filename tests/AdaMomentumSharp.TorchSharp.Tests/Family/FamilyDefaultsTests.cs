using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests.Family;

/// <summary>The baselines take the keywords and defaults of the classes the authors ran, spelled as TorchSharp spells its own.</summary>
public class FamilyDefaultsTests
{
    public static TheoryData<string, string> Defaults => new()
    {
        { "AdaBelief", "lr=0.001 beta1=0.9 beta2=0.999 eps=1E-08 weight_decay=0 amsgrad=0 weight_decouple=0 fixed_decay=0 rectify=0" },
        { "RAdam", "lr=0.001 beta1=0.9 beta2=0.999 eps=1E-08 weight_decay=0 degenerated_to_sgd=1 decoupled_weight_decay=1" },
        { "Yogi", "lr=0.01 beta1=0.9 beta2=0.999 eps=0.001 initial_accumulator=1E-06 weight_decay=0" },
        { "AdaBound", "lr=0.001 beta1=0.9 beta2=0.999 final_lr=0.1 gamma=0.001 eps=1E-08 weight_decay=0 amsbound=0" },
    };

    [Theory]
    [MemberData(nameof(Defaults))]
    public void AnOptimizerWithNoKeywords_HasTheAuthorsClassDefaults(string name, string expected)
    {
        using var optimizer = FamilyMembers.Named(name).Create(Parameter(new Random(1), [3], ScalarType.Float32));
        var options = (AdaptiveOptions)((global::TorchSharp.Modules.ParamGroup)optimizer.ParamGroups.Single()).Options;

        Assert.Equal(expected, string.Join(" ", options.Table.Select(o => $"{o.Name}={options[o.Name]}")));
    }

    [Fact]
    public void KeywordConstructors_SetTheNamedOptions()
    {
        Parameter p = Parameter(new Random(1), [3], ScalarType.Float32);
        using var adaBelief = new AdaBelief([p], lr: 0.5, weight_decouple: true, rectify: true);
        using var radam = new RAdam([Parameter(new Random(2), [3], ScalarType.Float32)], degenerated_to_sgd: false, weight_decay: 0.25);
        using var yogi = new Yogi([Parameter(new Random(3), [3], ScalarType.Float32)], initial_accumulator: 0.5);
        using var adaBound = new AdaBound([Parameter(new Random(4), [3], ScalarType.Float32)], final_lr: 0.05, gamma: 0.25, amsbound: true);

        var (belief, rectified, bound) = (Group<AdaBelief.Options>(adaBelief), Group<RAdam.Options>(radam), Group<AdaBound.Options>(adaBound));
        Assert.Equal((0.5, true, true), (belief.LearningRate, belief.weight_decouple, belief.rectify));
        Assert.Equal((false, 0.25), (rectified.degenerated_to_sgd, rectified.weight_decay));
        Assert.Equal(0.5, Values(((Yogi.State)yogi.state_dict().State[0]).exp_avg_sq)[0]);
        Assert.Equal((0.05, 0.25, true), (bound.final_lr, bound.gamma, bound.amsbound));
        Assert.NotNull(((AdaBound.State)adaBound.state_dict().State[0]).max_exp_avg_sq);
    }

    private static TOptions Group<TOptions>(torch.optim.Optimizer optimizer)
        where TOptions : AdaptiveOptions => (TOptions)((global::TorchSharp.Modules.ParamGroup)optimizer.ParamGroups.Single()).Options;
}
