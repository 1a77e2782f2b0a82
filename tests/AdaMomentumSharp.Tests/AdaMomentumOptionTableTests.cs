using System.Reflection;

namespace AdaMomentumSharp.Tests;

/// <summary>The one description of every option, <see cref="AdaMomentumOptions.All"/>, against the record it describes.</summary>
public class AdaMomentumOptionTableTests
{
    public static TheoryData<string> Names => [.. AdaMomentumOptions.All.Select(option => option.Name)];

    [Fact]
    public void Table_DescribesEveryPropertyOnceUnderItsOwnName()
    {
        PropertyInfo[] properties = typeof(AdaMomentumOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance);

        Assert.Equal(properties.Select(p => p.Name).Order(), AdaMomentumOptions.All.Select(o => o.Name).Order());
        Assert.Equal(AdaMomentumOptions.All.Count, AdaMomentumOptions.All.Select(o => o.PyTorchName).Distinct().Count());
        foreach (PropertyInfo property in properties)
        {
            Assert.Equal(property.PropertyType == typeof(bool) ? OptionKind.Flag : OptionKind.Number,
                         AdaMomentumOptions.Describe(property.Name).Kind);
        }
    }

    [Fact]
    public void SavedNames_OfTheOptionsExistingStatesHold_StayAsTheyWere()
    {
        // Both state formats find options by these names; a renamed property must keep its option's.
        (string, string)[] saved =
        [
            ("LearningRate", "lr"), ("Beta1", "beta1"), ("Beta2", "beta2"), ("Epsilon", "eps"), ("WeightDecay", "weight_decay"),
            ("DecoupledWeightDecay", "decoupled_weight_decay"), ("FixedDecay", "fixed_decay"), ("AmsGrad", "amsgrad"),
            ("Maximize", "maximize"), ("Rectify", "rectify"), ("DegeneratedToSgd", "degenerated_to_sgd"),
        ];

        Assert.Equal(saved, AdaMomentumOptions.All.Take(saved.Length).Select(o => (o.Name, o.PyTorchName)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GetAndWith_ReadAndSetTheirOwnPropertyOnly(string name)
    {
        AdaMomentumOption option = AdaMomentumOptions.Describe(name);
        PropertyInfo property = typeof(AdaMomentumOptions).GetProperty(name)!;
        var defaults = new AdaMomentumOptions();
        double changed = OptionCombinations.Changed(option);

        AdaMomentumOptions options = option.With(defaults, changed);

        Assert.Equal(Convert.ToDouble(property.GetValue(defaults)), option.Default);
        Assert.Equal(changed, option.Get(options));
        Assert.Equal(option.Kind == OptionKind.Flag ? changed != 0 : changed, property.GetValue(options));
        Assert.Equal(defaults, option.With(options, option.Default));
    }

    [Theory]
    [InlineData("Beta1", 1.0, OptionNames.DotNet, "Beta1 = 1: it must be in [0, 1).")]
    [InlineData("Beta1", 1.0, OptionNames.PyTorch, "beta1 = 1: it must be in [0, 1).")]
    [InlineData("LearningRate", -0.5, OptionNames.PyTorch, "lr = -0.5: it must be a finite number ≥ 0.")]
    [InlineData("Epsilon", double.NaN, OptionNames.DotNet, "Epsilon = NaN: it must be a finite number ≥ 0.")]
    [InlineData("WeightDecay", double.PositiveInfinity, OptionNames.PyTorch, "weight_decay = Infinity: it must be a finite number ≥ 0.")]
    [InlineData("AmsGrad", 0.5, OptionNames.PyTorch, "amsgrad = 0.5: it must be 0 or 1.")]
    public void Check_OutOfRange_NamesTheOptionTheValueAndTheRuleOnce(string name, double value, OptionNames names, string message)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AdaMomentumOptions.Describe(name).Check(value, names));

        Assert.Equal(AdaMomentumOptions.Describe(name).NameIn(names), e.ParamName);
        Assert.Equal(value, e.ActualValue);
        Assert.StartsWith(message + " (Parameter '", e.Message);
    }

    [Fact]
    public void Validate_WithPyTorchNames_NamesTheArgument()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaMomentumOptions { WeightDecay = -1 }.Validate(OptionNames.PyTorch));

        Assert.Equal("weight_decay", e.ParamName);
        Assert.DoesNotContain("WeightDecay", e.Message);
    }

    [Fact]
    public void StepCoefficients_AValueTheTypeCannotHold_IsNamedAsAsked()
    {
        var options = new AdaMomentumOptions { Epsilon = 1e-50 };

        var dotNet = Assert.Throws<ArgumentOutOfRangeException>(() => StepCoefficients<float>.For(options, 1));
        var pyTorch = Assert.Throws<ArgumentOutOfRangeException>(() => StepCoefficients<float>.For(options, 1, OptionNames.PyTorch));

        Assert.Equal(("Epsilon", "eps"), (dotNet.ParamName, pyTorch.ParamName));
        Assert.StartsWith("eps = ", pyTorch.Message);
        Assert.Contains("rounds to 0 in Single", pyTorch.Message);
    }

    [Fact]
    public void Describe_AnUnknownName_ListsTheOptions()
    {
        var e = Assert.Throws<ArgumentException>(() => AdaMomentumOptions.Describe("beta1"));

        Assert.Contains("'beta1'", e.Message);
        Assert.Contains("Beta1, Beta2", e.Message);
    }
}
