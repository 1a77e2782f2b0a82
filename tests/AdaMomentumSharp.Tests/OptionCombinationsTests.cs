namespace AdaMomentumSharp.Tests;

/// <summary>The generated combinations the kernel tests run over: few, yet every pair of option values and every branch combination is in them.</summary>
public class OptionCombinationsTests
{
    private static readonly AdaMomentumOptions[] Combinations = OptionCombinations.All().ToArray();

    [Fact]
    public void EveryPairOfTwoOptionsValues_AppearsInSomeCombination()
    {
        var options = AdaMomentumOptions.All;
        for (int i = 0; i < options.Count; i++)
        {
            for (int j = i + 1; j < options.Count; j++)
            {
                foreach (double a in OptionCombinations.Levels(options[i]))
                {
                    foreach (double b in OptionCombinations.Levels(options[j]))
                    {
                        Assert.True(Combinations.Any(c => options[i].Get(c) == a && options[j].Get(c) == b),
                                    $"no combination has {options[i].Name} = {a} with {options[j].Name} = {b}");
                    }
                }
            }
        }
    }

    [Fact]
    public void EveryCombinationOfTheBranchSwitches_Appears_AndNoCombinationTwice()
    {
        string[] branches = ["DecoupledWeightDecay", "FixedDecay", "AmsGrad", "Rectify", "DegeneratedToSgd"];
        var switches = branches.Select(AdaMomentumOptions.Describe).ToArray();

        var present = Combinations.Select(c => string.Concat(switches.Select(s => s.Get(c)))).Distinct().Count();

        Assert.Equal(1 << branches.Length, present);
        Assert.Equal(Combinations.Length, Combinations.Distinct().Count());
        Assert.InRange(Combinations.Length, 1 << branches.Length, (1 << branches.Length) + 16);
    }
}
