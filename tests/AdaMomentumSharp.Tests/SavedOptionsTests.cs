using System.Reflection;
using static AdaMomentumSharp.Tests.HandWrittenState;

namespace AdaMomentumSharp.Tests;

public class SavedOptionsTests
{
    private static readonly AdaMomentumOptions EveryOptionChanged = OptionCombinations.EveryOptionChanged();

    [Fact]
    public void Table_NamesEveryPropertyOfTheOptions()
    {
        string[] properties = typeof(AdaMomentumOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite).Select(p => p.Name).Order().ToArray();

        Assert.Equal(properties.Append(SavedOptions.NonFiniteGradientsName).Order(), SavedOptions.Names.Order().ToArray());
    }

    [Fact]
    public void SaveLoad_EveryOptionAwayFromItsDefault_ComesBackEqual()
    {
        var defaults = new AdaMomentumOptions();
        foreach (PropertyInfo property in typeof(AdaMomentumOptions).GetProperties().Where(p => p.CanWrite))
        {
            Assert.NotEqual(property.GetValue(defaults), property.GetValue(EveryOptionChanged));
        }
        var saved = new AdaMomentumOptimizer<double>([2], EveryOptionChanged);
        var stream = new MemoryStream();
        saved.Save(stream);
        var loaded = new AdaMomentumOptimizer<double>([2]);

        loaded.Load(new MemoryStream(stream.ToArray()));

        Assert.Equal(EveryOptionChanged, loaded.Options);
    }

    [Fact]
    public void Load_OptionsInAnotherOrderWithSomeMissing_ReadsThemByNameAndDefaultsTheRest()
    {
        byte[] state = Version2(
            [Flag("Maximize", true), Choice("NonFiniteGradients", (int)NonFiniteGradients.Skip), Number("LearningRate", 0.25)],
            stepCount: 4,
            ([1, 2], [3, 4], null));
        var optimizer = new AdaMomentumOptimizer<double>([2], EveryOptionChanged);

        optimizer.Load(new MemoryStream(state));

        Assert.Equal(new AdaMomentumOptions { LearningRate = 0.25, Maximize = true }, optimizer.Options);
        Assert.Equal(NonFiniteGradients.Skip, optimizer.NonFiniteGradients);
        Assert.Equal(4, optimizer.StepCount);
        Assert.Equal([1.0, 2.0], optimizer.ExpAvg(0).ToArray());
        Assert.Equal([3.0, 4.0], optimizer.ExpAvgSq(0).ToArray());
    }

    [Fact]
    public void Load_OptionItDoesNotKnow_ThrowsNamingItAndChangesNothing()
    {
        byte[] state = Version2([Number("LearningRate", 0.25), Number("Lookahead", 0.5)], stepCount: 4, ([1, 2], [3, 4], null));
        var optimizer = new AdaMomentumOptimizer<double>([2], EveryOptionChanged);

        var e = Assert.Throws<InvalidDataException>(() => optimizer.Load(new MemoryStream(state)));

        Assert.Contains("\"Lookahead\"", e.Message);
        Assert.Contains("does not know", e.Message);
        Assert.Equal(EveryOptionChanged, optimizer.Options);
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void Load_OptionGivenTwice_ThrowsNamingIt()
    {
        byte[] state = Version2([Number("Beta1", 0.5), Number("Beta1", 0.6)], stepCount: 1, ([1, 2], [3, 4], null));

        var e = Assert.Throws<InvalidDataException>(() => new AdaMomentumOptimizer<double>([2]).Load(new MemoryStream(state)));

        Assert.Contains("\"Beta1\" twice", e.Message);
    }

    [Fact]
    public void Load_FlagThatIsNeitherZeroNorOne_ThrowsNamingIt()
    {
        byte[] state = Version2([new Option("AmsGrad", w => w.Write((byte)2))], stepCount: 1, ([1, 2], [3, 4], null));

        var e = Assert.Throws<InvalidDataException>(() => new AdaMomentumOptimizer<double>([2]).Load(new MemoryStream(state)));

        Assert.Contains("option AmsGrad is 2", e.Message);
    }

    [Fact]
    public void Load_OptionOutOfRange_ThrowsNamingIt()
    {
        byte[] state = Version2([Number("Beta2", 1.5)], stepCount: 1, ([1, 2], [3, 4], null));

        var e = Assert.Throws<InvalidDataException>(() => new AdaMomentumOptimizer<double>([2]).Load(new MemoryStream(state)));

        Assert.Contains("Beta2", e.Message);
        Assert.Contains("1.5", e.Message);
    }

    [Fact]
    public void Load_OptionNameLongerThanTheLimit_ThrowsBeforeReadingIt()
    {
        byte[] state = Version2([Number(new string('x', SavedOptions.MaxNameBytes + 1), 1)], stepCount: 1, ([1, 2], [3, 4], null));

        var e = Assert.Throws<InvalidDataException>(() => new AdaMomentumOptimizer<double>([2]).Load(new NonSeekableStream(new MemoryStream(state))));

        Assert.Contains($"claims {SavedOptions.MaxNameBytes + 1} bytes", e.Message);
    }
}
