using System.Globalization;
using System.Text;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// How much each optimizer loses away from its best learning rate, AdaMomentum against each other optimizer, paired by
/// the rate's multiple of each one's default rate (the multiples `--lr-grid` tries). A rate's regret on a seed is how
/// far that seed's best validation metric falls short of the optimizer's best rate on the same seed (0 at its best);
/// an optimizer whose regrets are smaller is the more stable across learning rates. The multiples paired are those both
/// optimizers were run at on the first seed; the regrets are averaged over every seed at which both were run at all of
/// them, so rates tried on more seeds than the first give a steadier measure, and the first seed alone gives the tuning's.
/// </summary>
internal static class StabilityTable
{
    /// <summary>The section, or empty when AdaMomentum shares fewer than two rate multiples with every other optimizer.</summary>
    public static string Markdown(IReadOnlyList<RunGroup> groups, TaskRecipe recipe, EvaluationMetric metric)
    {
        Dictionary<string, Dictionary<(double Multiple, int Seed), double>> scores = groups.GroupBy(g => g.Optimizer)
            .ToDictionary(g => g.Key, g => Scores(g.Key, g.SelectMany(rate => rate.Runs), recipe, metric));
        if (!scores.TryGetValue(SignificanceTable.Reference, out var ours))
        {
            return "";
        }
        var rows = scores.Where(kv => kv.Key != SignificanceTable.Reference)
            .Select(kv => Pair(ours, kv.Value, metric) is PairedRegrets paired ? Row(kv.Key, paired, metric) : null).OfType<string>().ToList();
        if (rows.Count == 0)
        {
            return "";
        }
        var md = new StringBuilder().AppendLine().AppendLine("## Sensitivity to the learning rate, paired by multiple of the default rate").AppendLine();
        md.AppendLine($"For every multiple of its default rate that both optimizers were run at on the first seed, each one's regret: how far " +
                      $"its best validation {metric.Name} falls short of its best rate's on the same seed (0 at its best; a run whose " +
                      $"{metric.DivergedMeans} counts as the largest regret), averaged over the seeds at which both were run at every paired " +
                      "multiple (its best rate judged among the rates it was run at on all of those seeds). The difference is the other's " +
                      "mean regret minus AdaMomentum's, so positive means AdaMomentum lost less away from its best rate. p-values are " +
                      "one-sided, exact Wilcoxon signed-rank / paired t over the paired multiples, first that AdaMomentum is more stable, " +
                      "then that the other is.").AppendLine();
        md.Append(MarkdownTable.Of(["optimizer", "multiples paired", "seeds", "AdaMomentum's mean regret", "other's mean regret", "difference",
                                    "p, AdaMomentum more stable", "p, other more stable"], rows));
        return md.ToString();
    }

    /// <summary>The regrets of two optimizers at the multiples paired, each averaged over <paramref name="Seeds"/>.</summary>
    public sealed record PairedRegrets(double[] Multiples, int[] Seeds, double[] Ours, double[] Theirs);

    /// <summary>
    /// Every run's best validation metric (the worst possible when it diverged), keyed by its rate's multiple of the
    /// optimizer's default rate (to 3 significant digits, as the grid writes them) and its seed. Rates that round to the
    /// same multiple count as one, by the better of their runs on each seed.
    /// </summary>
    public static Dictionary<(double Multiple, int Seed), double> Scores(string optimizer, IEnumerable<RunRecord> runs, TaskRecipe recipe,
                                                                          EvaluationMetric metric)
    {
        double defaultLr = recipe.DefaultLr(OptimizerCatalog.Get(optimizer));
        return runs.GroupBy(r => (Math.Round(r.Lr / defaultLr, 2 - (int)Math.Floor(Math.Log10(r.Lr / defaultLr))), r.Seed))
                   .ToDictionary(g => g.Key, g => metric.Best(g.Select(r => TuningResult.BestValidation(r, metric)), v => v));
    }

    /// <summary>AdaMomentum's and the other's regrets, paired as the section says; null when they share fewer than two multiples.</summary>
    public static PairedRegrets? Pair(Dictionary<(double Multiple, int Seed), double> ours, Dictionary<(double Multiple, int Seed), double> theirs,
                                      EvaluationMetric metric)
    {
        int[] sharedSeeds = [.. ours.Keys.Select(k => k.Seed).Intersect(theirs.Keys.Select(k => k.Seed)).Order()];
        if (sharedSeeds.Length == 0)
        {
            return null;
        }
        double[] multiples = [.. MultiplesRunOn(ours, [sharedSeeds[0]]).Intersect(MultiplesRunOn(theirs, [sharedSeeds[0]])).Order()];
        if (multiples.Length < 2)
        {
            return null;
        }
        int[] seeds = [.. sharedSeeds.Where(s => multiples.All(m => ours.ContainsKey((m, s)) && theirs.ContainsKey((m, s))))];
        return new PairedRegrets(multiples, seeds, MeanRegrets(ours, multiples, seeds, metric), MeanRegrets(theirs, multiples, seeds, metric));
    }

    private static IEnumerable<double> MultiplesRunOn(Dictionary<(double Multiple, int Seed), double> scores, int[] seeds) =>
        scores.Keys.Select(k => k.Multiple).Distinct().Where(m => seeds.All(s => scores.ContainsKey((m, s))));

    private static double[] MeanRegrets(Dictionary<(double Multiple, int Seed), double> scores, double[] multiples, int[] seeds, EvaluationMetric metric)
    {
        double[] rates = [.. MultiplesRunOn(scores, seeds)];
        Dictionary<int, double> best = seeds.ToDictionary(s => s, s => metric.Best(rates.Select(r => scores[(r, s)]), v => v));
        return [.. multiples.Select(m => seeds.Average(s => Regret(scores[(m, s)], best[s], metric)))];
    }

    private static double Regret(double value, double best, EvaluationMetric metric) =>
        double.IsInfinity(value) ? double.PositiveInfinity : metric.HigherIsBetter ? best - value : value - best;

    private static string Row(string optimizer, PairedRegrets paired, EvaluationMetric metric)
    {
        double[] a = paired.Ours, b = paired.Theirs;
        double[] advantage = [.. a.Zip(b, (x, y) => double.IsInfinity(x) && double.IsInfinity(y) ? 0 : y - x)];
        // Only ranks enter the exact test: a diverged side gets a magnitude above every finite one, keeping its sign.
        double top = advantage.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max() + 1;
        double[] ranked = [.. advantage.Select(d => double.IsInfinity(d) ? Math.Sign(d) * top : d)];
        string Mean(double[] values) => values.Any(double.IsInfinity) ? "∞" : metric.Format(values.Average());
        string multiplesText = string.Join(", ", paired.Multiples.Select(m => m.ToString("G3", CultureInfo.InvariantCulture) + "×"));
        string seedsText = string.Join(", ", paired.Seeds);
        static double[] Negated(double[] values) => [.. values.Select(d => -d)];
        return MarkdownTable.Row([optimizer, multiplesText, seedsText, Mean(a), Mean(b), advantage.Any(double.IsInfinity) ? "–" : metric.Format(advantage.Average()),
                                  SignificanceTable.PValues(ranked, advantage), SignificanceTable.PValues(Negated(ranked), Negated(advantage))]);
    }
}
