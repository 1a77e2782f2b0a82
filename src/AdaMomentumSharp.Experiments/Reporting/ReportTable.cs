using System.Globalization;
using System.Text;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// The report's tables in Markdown: n on every row, a spread only where there are seeds to spread over, counts
/// without a spurious ".0", and a time column that says what it measures.
/// </summary>
internal static class ReportTable
{
    public const string TimeHeader = "wall s / epoch ¹";

    public const string TimeFootnote =
        "¹ Median wall-clock seconds of a whole epoch (training and evaluation) on the machine that ran it, including whatever " +
        "else that machine was doing: differences between rows can be machine load rather than optimizer cost. " +
        "`adamomentum bench` measures the optimizer step alone.";

    /// <summary>The table of one row per optimizer, with its footnote; <paramref name="trainingLoss"/> names the loss column's loss.</summary>
    public static string Optimizers(IReadOnlyList<OptimizerSummary> summaries, EvaluationMetric metric, string trainingLoss = "training loss")
    {
        var headers = new List<string> { "optimizer", "lr", "n", $"test {metric.Name}{metric.Unit}", "best epoch", $"final {trainingLoss}", TimeHeader };
        if (metric.Target is MetricTarget target)
        {
            headers.Add($"first epoch {target.Label} val");
        }
        if (metric.Derived is DerivedColumn derived)
        {
            headers.Add(derived.Header);
        }
        return new StringBuilder(MarkdownTable.Of(headers, summaries.Select(s => Row(s, metric)))).AppendLine().AppendLine(TimeFootnote).ToString();
    }

    /// <summary>One optimizer's row, e.g. <c>| adam | 0.001 | 1 | 88.95 | 8 | 0.6811 | 0.81 | never |</c>.</summary>
    public static string Row(OptimizerSummary s, EvaluationMetric metric)
    {
        var cells = new List<string>
        {
            s.Optimizer, Invariant($"{s.Lr:G3}"), Invariant($"{s.Seeds}"),
            WithSpread(metric.Format(s.TestMetricMean), s.TestMetricStd is double testStd ? metric.Format(testStd) : null),
            Count(s.BestEpochMean),
            WithSpread(Invariant($"{s.FinalTrainLossMean:F4}"), s.FinalTrainLossStd is double lossStd ? Invariant($"{lossStd:F4}") : null),
            Invariant($"{s.MedianWallSecondsPerEpoch:F2}"),
        };
        if (metric.Target is not null)
        {
            cells.Add(s.EpochsToThresholdMean is double e ? $"{Count(e)} ({s.SeedsReachingThreshold}/{s.Seeds})" : "never");
        }
        if (metric.Derived is DerivedColumn derived)
        {
            cells.Add(Invariant($"{derived.FromMetric(s.TestMetricMean):F3}"));
        }
        return MarkdownTable.Row(cells);
    }

    /// <summary>Every learning rate of every optimizer run at more than one, with its seed count and the number that chose.</summary>
    public static string Tuning(IReadOnlyList<TuningResult> tuning, IReadOnlyList<RunGroup> groups, EvaluationMetric metric)
    {
        string TuningRow(TuningResult t)
        {
            // A published folder's tuning.csv names runs its metrics.csv does not hold: each is one (first-seed) run.
            int seeds = Math.Max(1, groups.FirstOrDefault(g => g.Optimizer == t.Optimizer && SameRate(g.Lr, t.Lr))?.Seeds ?? 0);
            string best = t.Diverged() ? "diverged" : metric.Format(t.BestValMetric), finalTest = t.Diverged() ? "–" : metric.Format(t.FinalTestMetric);
            return MarkdownTable.Row([t.Optimizer, Invariant($"{t.Lr:G3}"), Invariant($"{seeds}"), best, finalTest, t.Chosen ? "✔" : ""]);
        }
        string[] headers = ["optimizer", "lr", "n", $"best validation {metric.Name}{metric.Unit}, first seed", $"final test {metric.Name}{metric.Unit}, first seed", "in the table above"];
        return MarkdownTable.Of(headers, tuning.Select(TuningRow), centred: 5);
    }

    /// <summary>A mean of whole numbers (epochs): "10" when it is whole, else one decimal ("9.7"), or two where one would round to a whole ("9.96").</summary>
    public static string Count(double value)
    {
        if (value == Math.Round(value))
        {
            return Invariant($"{value:F0}");
        }
        string oneDecimal = Invariant($"{value:F1}");
        return oneDecimal.EndsWith(".0", StringComparison.Ordinal) ? Invariant($"{value:F2}") : oneDecimal;
    }

    /// <summary>"mean ± spread", or the mean alone where there is no spread (a single seed).</summary>
    public static string WithSpread(string mean, string? spread) => spread is null ? mean : $"{mean} ± {spread}";

    /// <summary>Rates equal as the results folder names them (runs/ keys a rate by 6 significant digits).</summary>
    private static bool SameRate(double a, double b) => Invariant($"{a:G6}") == Invariant($"{b:G6}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
