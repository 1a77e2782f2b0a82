using System.Reflection;
using AdaMomentumSharp.Tests;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.CheckpointCorruption;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>The TorchSharp options, keywords and checkpoints follow the core's one description of every option.</summary>
[Collection(CheckpointCorruptionCollection.Name)]
public sealed class OptionTableTests
{
    private static readonly string[] OtherParameters = ["parameters", "groups", "non_finite_gradients"];

    [Fact]
    public void Options_HaveAPropertyNamedInPyTorchStyleForEveryOption()
    {
        PropertyInfo[] declared = typeof(AdaMomentum.Options).GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        var expected = AdaMomentumOptions.All.Where(o => o.PyTorchName != "lr")
            .Select(o => (o.PyTorchName, o.Kind == OptionKind.Flag ? typeof(bool?) : typeof(double?)));
        Assert.Equal(expected.Order(), declared.Select(p => (p.Name, p.PropertyType)).Order());
    }

    public static TheoryData<string> KeywordMethods => ["AdaMomentum(parameters)", "AdaMomentum(groups)", "ParamGroup", "Options.With"];

    [Theory]
    [MemberData(nameof(KeywordMethods))]
    public void EveryKeywordList_NamesEveryOptionWithNoDefaultOfItsOwn(string method)
    {
        MethodBase keywords = method switch
        {
            "AdaMomentum(parameters)" => typeof(AdaMomentum).GetConstructors().Single(c => c.GetParameters()[0].Name == "parameters"),
            "AdaMomentum(groups)" => typeof(AdaMomentum).GetConstructors().Single(c => c.GetParameters()[0].Name == "groups"),
            "ParamGroup" => typeof(AdaMomentum.ParamGroup).GetConstructors().MaxBy(c => c.GetParameters().Length)!,
            _ => typeof(AdaMomentum.Options).GetMethod(nameof(AdaMomentum.Options.With))!,
        };
        ParameterInfo[] options = keywords.GetParameters().Where(p => !OtherParameters.Contains(p.Name)).ToArray();

        Assert.Equal(AdaMomentumOptions.All.Select(o => o.PyTorchName).Order(), options.Select(p => p.Name!).Order());
        Assert.All(options, p => Assert.Null(p.DefaultValue is DBNull ? null : p.DefaultValue));
    }

    [Fact]
    public void AnOptimizerWithNoKeywords_HasTheCoreDefaults()
    {
        using var optimizer = new AdaMomentum([Parameter(new Random(1), [3], ScalarType.Float32)]);
        var group = ((AdaMomentum.ParamGroup)optimizer.ParamGroups.Single()).Options;

        Assert.All(AdaMomentumOptions.All, option => Assert.Equal(option.Default, group.Get(option)));
        Assert.Equal(new AdaMomentumOptions().LearningRate, group.InitialLearningRate);
    }

    [Fact]
    public void SaveAndLoad_EveryOptionAwayFromItsDefault_ComesBackEqual()
    {
        AdaMomentumOptions changed = OptionCombinations.EveryOptionChanged();
        using var source = Create([Parameter(new Random(1), [5], ScalarType.Float64)], changed);
        using var target = new AdaMomentum([Parameter(new Random(2), [5], ScalarType.Float64)]);

        Load(target, Checkpoint(source));

        var options = ((AdaMomentum.ParamGroup)target.ParamGroups.Single()).Options;
        Assert.Equal(changed, options.ToValidatedCoreOptions());
    }

    [Theory]
    [InlineData("beta1", 1.0, "beta1 = 1: it must be in [0, 1).")]
    [InlineData("lr", -0.001, "lr = -0.001: it must be a finite number ≥ 0.")]
    [InlineData("weight_decay", double.NaN, "weight_decay = NaN: it must be a finite number ≥ 0.")]
    public void AnInvalidKeyword_IsNamedWithItsValueAndRule(string name, double value, string message)
    {
        Parameter p = Parameter(new Random(1), [3], ScalarType.Float32);
        var options = new AdaMomentum.Options();
        options.Set(AdaMomentumOptions.All.Single(o => o.PyTorchName == name), value);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaMomentum([new AdaMomentum.ParamGroup([p], options)]));

        Assert.Equal(name, e.ParamName);
        Assert.StartsWith(message + $" (Parameter '{name}')", e.Message);
    }

    [Fact]
    public void LoadingThroughTorchSharpsBaseMethod_AGroupWithAnInvalidValue_IsRefusedAndTheGroupKeepsItsOptions()
    {
        using var source = new AdaMomentum([Parameter(new Random(1), [3], ScalarType.Float32)], beta1: 0.8);
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            ((OptimizerHelper)source).save_state_dict(writer);
        }
        byte[] bytes = stream.ToArray();
        // Name (1 + 11 bytes), two one-byte counts, initial_lr and lr, then beta1.
        const int Beta1 = 1 + 11 + 2 + 16;
        Assert.Equal(0.8, BitConverter.ToDouble(bytes, Beta1));
        BitConverter.GetBytes(2.0).CopyTo(bytes, Beta1);
        using var target = new AdaMomentum([Parameter(new Random(2), [3], ScalarType.Float32)], beta1: 0.7);

        var e = Assert.Throws<InvalidDataException>(() => ((OptimizerHelper)target).load_state_dict(new BinaryReader(new MemoryStream(bytes))));

        Assert.Contains("beta1 = 2", e.Message);
        Assert.Equal(0.7, ((AdaMomentum.ParamGroup)target.ParamGroups.Single()).Options.beta1);
    }
}
