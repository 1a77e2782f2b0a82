namespace AdaMomentumSharp.Tests;

public class AdaMomentumOptionsTests
{
    [Fact]
    public void Defaults_AreTheOfficialOnes()
    {
        var o = new AdaMomentumOptions();
        Assert.Equal((1e-3, 0.9, 0.999, 1e-16, 0.0), (o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay));
        Assert.False(o.DecoupledWeightDecay || o.FixedDecay || o.AmsGrad || o.Maximize || o.Rectify);
        Assert.True(o.DegeneratedToSgd);
    }

    public static TheoryData<string, double> OutOfRange => new()
    {
        { nameof(AdaMomentumOptions.LearningRate), -1e-3 },
        { nameof(AdaMomentumOptions.LearningRate), double.NaN },
        { nameof(AdaMomentumOptions.LearningRate), double.PositiveInfinity },
        { nameof(AdaMomentumOptions.Beta1), -0.1 },
        { nameof(AdaMomentumOptions.Beta1), 1.0 },
        { nameof(AdaMomentumOptions.Beta1), double.NaN },
        { nameof(AdaMomentumOptions.Beta2), 1.5 },
        { nameof(AdaMomentumOptions.Beta2), -1e-9 },
        { nameof(AdaMomentumOptions.Epsilon), -1e-16 },
        { nameof(AdaMomentumOptions.Epsilon), double.NaN },
        { nameof(AdaMomentumOptions.WeightDecay), -5e-4 },
        { nameof(AdaMomentumOptions.WeightDecay), double.NegativeInfinity },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void Validate_OutOfRangeValue_ThrowsNamingPropertyAndValue(string property, double value)
    {
        var options = property switch
        {
            nameof(AdaMomentumOptions.LearningRate) => new AdaMomentumOptions { LearningRate = value },
            nameof(AdaMomentumOptions.Beta1) => new AdaMomentumOptions { Beta1 = value },
            nameof(AdaMomentumOptions.Beta2) => new AdaMomentumOptions { Beta2 = value },
            nameof(AdaMomentumOptions.Epsilon) => new AdaMomentumOptions { Epsilon = value },
            _ => new AdaMomentumOptions { WeightDecay = value },
        };

        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(property, e.ParamName);
        Assert.Equal(value, e.ActualValue);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.CurrentCulture), e.Message);
    }

    [Fact]
    public void Validate_RectifyWithAmsGrad_IsAllowedAsInTheAuthorsClass()
    {
        new AdaMomentumOptions { Rectify = true, AmsGrad = true }.Validate();
    }

    [Fact]
    public void UndefinedNonFinitePolicy_IsRefusedByTheOptimizerAndTheKernel()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AdaMomentumOptimizer<float>([3], nonFiniteGradients: (NonFiniteGradients)7));
        var kernel = Assert.Throws<ArgumentOutOfRangeException>(() => AdaMomentumKernel.Step(
            new AdaMomentumOptions(), 1, new float[3], new float[3], new float[3], new float[3], [], (NonFiniteGradients)7, 1));

        Assert.Equal(nameof(AdaMomentumOptimizer<float>.NonFiniteGradients), e.ParamName);
        Assert.Equal("nonFiniteGradients", kernel.ParamName);
        Assert.Contains("Throw, Skip or Ignore", kernel.Message);
    }

    [Fact]
    public void Validate_BoundaryValues_AreAccepted()
    {
        new AdaMomentumOptions { LearningRate = 0, Beta1 = 0, Beta2 = 0, Epsilon = 0, WeightDecay = 0 }.Validate();
        new AdaMomentumOptions { Beta1 = Math.BitDecrement(1.0), Beta2 = Math.BitDecrement(1.0) }.Validate();
    }
}
