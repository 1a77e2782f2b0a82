using System.Globalization;
using System.Text;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// How much each optimizer loses away from its best learning rate, AdaMomentum against each other optimizer, paired by
/// the rate's multiple of each one's default rate (the multiples `--lr-grid` tries). A rate's regret is how far its
/// first seed's best validation metric falls short of that optimizer's best rate (0 at its best); an optimizer whose
/// regrets are smaller is the more stable across learning rates.
/// </summary>
internal static class StabilityTable
{
    /// <summary>The section, or empty when AdaMomentum shares fewer than two rate multiples with every other optimizer.</summary>
    public static string Markdown(IReadOnlyList<TuningResult> tuning, TaskRecipe recipe, EvaluationMetric metric)
    {
        Dictionary<string, Dictionary<double, double>> regrets = tuning.GroupBy(t => t.Optimizer)
            .ToDictionary(g => g.Key, g => Regrets(g.ToList(), recipe, metric));
        if (!regrets.TryGetValue(SignificanceTable.Reference, out var ours))
        {
            return "";
        }
        var rows = regrets.Where(kv => kv.Key != SignificanceTable.Reference).Select(kv => Row(kv.Key, ours, kv.Value, metric)).OfType<string>().ToList();
        if (rows.Count == 0)
        {
            return "";
        }
        var md = new StringBuilder().AppendLine().AppendLine("## Sensitivity to the learning rate, paired by multiple of the default rate").AppendLine();
        md.AppendLine($"For every multiple of its default rate that both optimizers were run at, each one's regret: how far its first " +
                      $"seed's best validation {metric.Name} falls short of its own best rate's (0 at its best; a run whose " +
                      $"{metric.DivergedMeans} counts as the largest regret). The difference is the other's mean regret minus AdaMomentum's, so positive " +
                      "means AdaMomentum lost less away from its best rate. p-values are one-sided, exact Wilcoxon signed-rank / " +
                      "paired t over the paired multiples, first that AdaMomentum is more stable, then that the other is.").AppendLine();
        md.Append(MarkdownTable.Of(["optimizer", "multiples paired", "AdaMomentum's mean regret", "other's mean regret", "difference",
                                    "p, AdaMomentum more stable", "p, other more stable"], rows));
        return md.ToString();
    }

    /// <summary>Each rate's regret, keyed by its multiple of the optimizer's default rate (to 3 significant digits, as the grid writes them).</summary>
    public static Dictionary<double, double> Regrets(IReadOnlyList<TuningResult> rates, TaskRecipe recipe, EvaluationMetric metric)
    {
        double defaultLr = recipe.DefaultLr(OptimizerCatalog.Get(rates[0].Optimizer));
        double best = metric.WorstIfNaN(metric.Best(rates, r => r.BestValMetric).BestValMetric);
        return rates.ToDictionary(
            r => Math.Round(r.Lr / defaultLr, 2 - (int)Math.Floor(Math.Log10(r.Lr / defaultLr))),
            r => Regret(metric.WorstIfNaN(r.BestValMetric), best, metric));
    }

    private static double Regret(double value, double best, EvaluationMetric metric) =>
        double.IsInfinity(value) ? double.PositiveInfinity : metric.HigherIsBetter ? best - value : value - best;

    private static string? Row(string optimizer, Dictionary<double, double> ours, Dictionary<double, double> theirs, EvaluationMetric metric)
    {
        double[] multiples = [.. ours.Keys.Intersect(theirs.Keys).Order()];
        if (multiples.Length < 2)
        {
            return null;
        }
        double[] a = [.. multiples.Select(m => ours[m])], b = [.. multiples.Select(m => theirs[m])];
        double[] advantage = [.. a.Zip(b, (x, y) => double.IsInfinity(x) && double.IsInfinity(y) ? 0 : y - x)];
        // Only ranks enter the exact test: a diverged side gets a magnitude above every finite one, keeping its sign.
        double top = advantage.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max() + 1;
        double[] ranked = [.. advantage.Select(d => double.IsInfinity(d) ? Math.Sign(d) * top : d)];
        string Mean(double[] values) => values.Any(double.IsInfinity) ? "∞" : metric.Format(values.Average());
        string multiplesText = string.Join(", ", multiples.Select(m => m.ToString("G3", CultureInfo.InvariantCulture) + "×"));
        static double[] Negated(double[] values) => [.. values.Select(d => -d)];
        return MarkdownTable.Row([optimizer, multiplesText, Mean(a), Mean(b), advantage.Any(double.IsInfinity) ? "–" : metric.Format(advantage.Average()),
                                  SignificanceTable.PValues(ranked, advantage), SignificanceTable.PValues(Negated(ranked), Negated(advantage))]);
    }
}
