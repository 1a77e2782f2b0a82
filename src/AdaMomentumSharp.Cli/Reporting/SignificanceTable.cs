using System.Globalization;
using System.Text;
using AdaMomentumSharp.Cli.Statistics;
using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Reporting;

/// <summary>
/// AdaMomentum against every other optimizer of the report, paired by seed: each seed's test metric at its best
/// validation epoch, the mean difference and the one-sided exact Wilcoxon and paired t p-values that AdaMomentum is better.
/// </summary>
public static class SignificanceTable
{
    public const string Reference = "adamomentum";

    /// <summary>The section, or empty when AdaMomentum or a second optimizer with at least two shared seeds is missing.</summary>
    public static string Markdown(IReadOnlyList<RunGroup> reported, EvaluationMetric metric)
    {
        RunGroup? reference = reported.FirstOrDefault(g => g.Optimizer == Reference);
        var rows = reference is null ? [] : reported.Where(g => g != reference).Select(g => Row(reference, g, metric)).OfType<string>().ToList();
        if (rows.Count == 0)
        {
            return "";
        }
        var md = new StringBuilder().AppendLine().AppendLine("## AdaMomentum against each optimizer, paired by seed").AppendLine();
        md.AppendLine($"Each seed's test {metric.Name} at its best validation epoch; the difference is AdaMomentum's advantage " +
                      $"({(metric.HigherIsBetter ? "its value minus the other's" : "the other's value minus its")}), so positive favours " +
                      "AdaMomentum. p-values are one-sided (AdaMomentum better): exact Wilcoxon signed-rank and paired t. With n pairs " +
                      "the exact test cannot go below 1/2ⁿ (0.031 for 5).").AppendLine();
        md.AppendLine($"| optimizer | pairs | AdaMomentum | other | difference (mean ± sd) | Wilcoxon p | paired t p |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        rows.ForEach(row => md.AppendLine(row));
        return md.ToString();
    }

    /// <summary>One comparison's row; null when the two share fewer than two seeds.</summary>
    public static string? Row(RunGroup reference, RunGroup other, EvaluationMetric metric)
    {
        Dictionary<int, double> ours = BestTest(reference, metric), theirs = BestTest(other, metric);
        int[] seeds = [.. ours.Keys.Intersect(theirs.Keys).Order()];
        if (seeds.Length < 2)
        {
            return null;
        }
        double[] a = [.. seeds.Select(s => ours[s])], b = [.. seeds.Select(s => theirs[s])];
        double[] advantage = [.. a.Zip(b, (x, y) => metric.HigherIsBetter ? x - y : y - x)];
        string P(double p) => double.IsNaN(p) ? "–" : p.ToString("F3", CultureInfo.InvariantCulture);
        // Format shows the metric as the report does (accuracy in %); it is linear, so it serves differences too.
        string MeanSd(double[] values) => $"{metric.Format(values.Average())} ± {metric.Format(OptimizerSummary.Std(values) ?? 0)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"| {other.Optimizer} | {seeds.Length} | {MeanSd(a)} | {MeanSd(b)} | {MeanSd(advantage)} | " +
            $"{P(advantage.All(double.IsFinite) ? PairedTests.WilcoxonSignedRank(advantage) : double.NaN)} | {P(PairedTests.PairedT(advantage))} |");
    }

    private static Dictionary<int, double> BestTest(RunGroup group, EvaluationMetric metric) =>
        group.Runs.ToDictionary(run => run.Seed, run => metric.Best(run.Epochs, e => e.ValMetric).TestMetric);
}
