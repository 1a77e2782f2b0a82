using System.Globalization;
using System.Text;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Statistics;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// AdaMomentum against every other optimizer of the report, paired by seed, on two quantities: how well it generalizes
/// (each seed's test metric at its best validation epoch) and how fast it trains (each seed's training loss averaged
/// over all epochs, the area under its training curve). Each row gives the mean difference and the one-sided exact
/// Wilcoxon and paired t p-values in both directions, so a claim of "better" and one of "not worse" can both be read.
/// </summary>
internal static class SignificanceTable
{
    public const string Reference = "adamomentum";

    /// <summary>One quantity compared seed by seed.</summary>
    /// <param name="Heading">The section's title.</param>
    /// <param name="Explanation">What each seed's value is.</param>
    /// <param name="Value">A run's value.</param>
    /// <param name="HigherIsBetter">Which direction favours an optimizer.</param>
    /// <param name="Format">How values and their differences are written (linear, so it serves differences too).</param>
    public sealed record Quantity(string Heading, string Explanation, Func<RunRecord, double> Value, bool HigherIsBetter, Func<double, string> Format);

    /// <summary>Generalization: the test metric at the epoch with the best validation metric.</summary>
    public static Quantity Generalization(EvaluationMetric metric) => new(
        $"AdaMomentum against each optimizer, paired by seed: test {metric.Name}",
        $"Each seed's test {metric.Name} at its best validation epoch",
        run => metric.Best(run.Epochs, e => e.ValMetric).TestMetric, metric.HigherIsBetter, metric.Format);

    /// <summary>Training speed: the training loss averaged over every epoch, lower for an optimizer that got down sooner.</summary>
    public static Quantity TrainingSpeed { get; } = new(
        "AdaMomentum against each optimizer, paired by seed: training speed",
        "Each seed's training loss averaged over all its epochs (the area under its training-loss curve; lower means it trained faster)",
        run => run.Epochs.Average(e => e.TrainLoss), HigherIsBetter: false, value => value.ToString("F4", CultureInfo.InvariantCulture));

    /// <summary>
    /// The sections for the generalization metric and, when <paramref name="includeTrainingSpeed"/>, for training speed
    /// (a GAN's training loss is its discriminator's, which says nothing of speed); empty when AdaMomentum or a second
    /// optimizer with at least two shared seeds is missing.
    /// </summary>
    public static string Markdown(IReadOnlyList<RunGroup> reported, EvaluationMetric metric, bool includeTrainingSpeed = true)
    {
        IEnumerable<Quantity> quantities = includeTrainingSpeed ? [Generalization(metric), TrainingSpeed] : [Generalization(metric)];
        return string.Concat(quantities.Select(q => Section(reported, q)));
    }

    private static string Section(IReadOnlyList<RunGroup> reported, Quantity quantity)
    {
        RunGroup? reference = reported.FirstOrDefault(g => g.Optimizer == Reference);
        var rows = reference is null ? [] : reported.Where(g => g != reference).Select(g => Row(reference, g, quantity)).OfType<string>().ToList();
        if (rows.Count == 0)
        {
            return "";
        }
        var md = new StringBuilder().AppendLine().AppendLine($"## {quantity.Heading}").AppendLine();
        md.AppendLine($"{quantity.Explanation}. The difference is AdaMomentum's advantage " +
                      $"({(quantity.HigherIsBetter ? "its value minus the other's" : "the other's value minus its")}), so positive favours " +
                      "AdaMomentum. p-values are one-sided, exact Wilcoxon signed-rank / paired t, first that AdaMomentum is better, " +
                      "then that the other is. With n pairs the exact test cannot go below 1/2ⁿ (0.031 for 5).").AppendLine();
        md.Append(MarkdownTable.Of(["optimizer", "pairs", "AdaMomentum", "other", "difference (mean ± sd)", "p, AdaMomentum better", "p, other better"], rows));
        return md.ToString();
    }

    /// <summary>One comparison's row; null when the two share fewer than two seeds.</summary>
    public static string? Row(RunGroup reference, RunGroup other, Quantity quantity)
    {
        Dictionary<int, double> ours = Values(reference, quantity), theirs = Values(other, quantity);
        int[] seeds = [.. ours.Keys.Intersect(theirs.Keys).Order()];
        if (seeds.Length < 2)
        {
            return null;
        }
        double[] a = [.. seeds.Select(s => ours[s])], b = [.. seeds.Select(s => theirs[s])];
        double[] advantage = [.. a.Zip(b, (x, y) => quantity.HigherIsBetter ? x - y : y - x)];
        double[] disadvantage = [.. advantage.Select(d => -d)];
        string MeanSd(double[] values) => $"{quantity.Format(values.Average())} ± {quantity.Format(OptimizerSummary.Std(values) ?? 0)}";
        return MarkdownTable.Row([other.Optimizer, $"{seeds.Length}", MeanSd(a), MeanSd(b), MeanSd(advantage), PValues(advantage), PValues(disadvantage)]);
    }

    /// <summary>"Wilcoxon / t" one-sided p-values that the differences are above 0.</summary>
    private static string PValues(double[] differences) => PValues(differences, differences);

    /// <summary>
    /// "Wilcoxon / t" one-sided p-values that the differences are above 0, the signed-rank test on
    /// <paramref name="forRanks"/> (the differences, or stand-ins ranked as they would be), the t-test on
    /// <paramref name="differences"/>; "–" where a test has no answer.
    /// </summary>
    internal static string PValues(double[] forRanks, double[] differences)
    {
        static string P(double p) => double.IsNaN(p) ? "–" : p.ToString("F3", CultureInfo.InvariantCulture);
        double wilcoxon = forRanks.All(double.IsFinite) ? PairedTests.WilcoxonSignedRank(forRanks) : double.NaN;
        return $"{P(wilcoxon)} / {P(PairedTests.PairedT(differences))}";
    }

    private static Dictionary<int, double> Values(RunGroup group, Quantity quantity) =>
        group.Runs.ToDictionary(run => run.Seed, quantity.Value);
}
