namespace AdaMomentumSharp.Tests;

/// <summary>
/// The kernel's option combinations, generated from <see cref="AdaMomentumOptions.All"/> so that they grow with the
/// options and stay few: every pair of two options' values appears in some combination (pairwise coverage), and the
/// switches that choose the update's branches (decay style, AMSGrad, rectification and its warm-up) also appear in every
/// combination of theirs. A full product of all options would double with each new flag.
/// </summary>
public static class OptionCombinations
{
    /// <summary>Values worth testing besides the default, where halving it would not be: a large rate, short memories, eps's floor at the paper's CIFAR value, a real decay.</summary>
    private static readonly Dictionary<string, double[]> Notable = new()
    {
        ["LearningRate"] = [0.05],
        ["Beta1"] = [0.5],
        ["Beta2"] = [0.9],
        ["Epsilon"] = [1e-8],
        ["WeightDecay"] = [0.05],
    };

    /// <summary>The switches whose every combination is tested, as they select different code in the kernel.</summary>
    private static readonly string[] Branches = ["DecoupledWeightDecay", "FixedDecay", "AmsGrad", "Rectify", "DegeneratedToSgd"];

    public static IEnumerable<AdaMomentumOptions> All()
    {
        var seen = new HashSet<AdaMomentumOptions>();
        foreach (AdaMomentumOptions options in Pairwise().Concat(BranchProduct()))
        {
            if (seen.Add(options))
            {
                yield return options;
            }
        }
    }

    /// <summary>The values each option takes in the combinations: its default first, then the others.</summary>
    public static IReadOnlyList<double> Levels(AdaMomentumOption option) => option.Kind == OptionKind.Flag
        ? [option.Default, 1 - option.Default]
        : [option.Default, .. Notable.GetValueOrDefault(option.Name, [Changed(option)])];

    /// <summary>A greedy all-pairs cover (as AETG builds one): each new combination starts from a pair not yet covered and picks every other value to cover the most new pairs.</summary>
    public static IEnumerable<AdaMomentumOptions> Pairwise()
    {
        var options = AdaMomentumOptions.All;
        var levels = options.Select(Levels).ToArray();
        var uncovered = new HashSet<(int, int, int, int)>(
            from i in Enumerable.Range(0, options.Count)
            from j in Enumerable.Range(i + 1, options.Count - i - 1)
            from a in Enumerable.Range(0, levels[i].Count)
            from b in Enumerable.Range(0, levels[j].Count)
            select (i, a, j, b));
        while (uncovered.Count > 0)
        {
            var (i0, a0, j0, b0) = uncovered.Min();
            var chosen = new int[options.Count];
            Array.Fill(chosen, -1);
            (chosen[i0], chosen[j0]) = (a0, b0);
            for (int k = 0; k < options.Count; k++)
            {
                if (chosen[k] >= 0)
                {
                    continue;
                }
                int Covers(int level) => Enumerable.Range(0, options.Count).Count(o => chosen[o] >= 0 &&
                    uncovered.Contains(o < k ? (o, chosen[o], k, level) : (k, level, o, chosen[o])));
                chosen[k] = Enumerable.Range(0, levels[k].Count).MaxBy(Covers);
            }
            for (int i = 0; i < options.Count; i++)
            {
                for (int j = i + 1; j < options.Count; j++)
                {
                    uncovered.Remove((i, chosen[i], j, chosen[j]));
                }
            }
            yield return Enumerable.Range(0, options.Count)
                .Aggregate(new AdaMomentumOptions(), (o, k) => options[k].With(o, levels[k][chosen[k]]));
        }
    }

    /// <summary>Every combination of the <see cref="Branches"/> switches, with a decay to apply and the short memories that reach rectification's switch early.</summary>
    private static IEnumerable<AdaMomentumOptions> BranchProduct()
    {
        var baseline = new AdaMomentumOptions { LearningRate = 0.05, Beta1 = 0.5, Beta2 = 0.9, Epsilon = 1e-8, WeightDecay = 0.05 };
        var switches = Branches.Select(AdaMomentumOptions.Describe).ToArray();
        for (int mask = 0; mask < 1 << switches.Length; mask++)
        {
            yield return Enumerable.Range(0, switches.Length)
                .Aggregate(baseline, (o, k) => switches[k].With(o, (mask >> k) & 1));
        }
    }

    /// <summary>Every option of <see cref="AdaMomentumOptions.All"/> at an allowed value other than its default.</summary>
    public static AdaMomentumOptions EveryOptionChanged() =>
        AdaMomentumOptions.All.Aggregate(new AdaMomentumOptions(), (options, option) => option.With(options, Changed(option)));

    /// <summary>An allowed value of <paramref name="option"/> other than its default: a flag flipped, a number halved or raised by 0.25.</summary>
    public static double Changed(AdaMomentumOption option) => option.Kind == OptionKind.Flag
        ? 1 - option.Default
        : new[] { option.Default / 2, option.Default + 0.25 }.First(value => value != option.Default && option.Allows(value));
}
