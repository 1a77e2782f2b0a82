using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdaMomentumSharp.Cli.Experiments;
using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Reporting;

/// <summary>Builds summary.json, report.md and the curve plots of a results folder from its metrics.csv (and tuning.csv).</summary>
public static class ReportBuilder
{
    public const string ReportFileName = "report.md";
    public const string SummaryFileName = "summary.json";

    /// <exception cref="FileNotFoundException">The folder has no metrics.csv.</exception>
    public static void Write(string directory, ExperimentTask task)
    {
        string metricsPath = Path.Combine(directory, ComparisonRunner.MetricsFileName);
        if (!File.Exists(metricsPath))
        {
            throw new FileNotFoundException($"{directory} has no {ComparisonRunner.MetricsFileName}; run `adamomentum compare --out {directory}` first.", metricsPath);
        }
        List<EpochMetrics> rows = CsvFile.Read<EpochMetrics>(metricsPath);
        EvaluationMetric metric = task.Recipe.Metric;
        var summaries = rows.GroupBy(r => r.Optimizer).Select(g => OptimizerSummary.From(g.Key, g.ToList(), metric)).ToList();
        string tuningPath = Path.Combine(directory, TuningResult.FileName);
        List<TuningResult> tuning = File.Exists(tuningPath) ? CsvFile.Read<TuningResult>(tuningPath) : [];

        string name = metric.Name;
        CurvePlotter.Write(Path.Combine(directory, "train-loss.png"), $"{task.Name}: training loss", "train loss", rows, r => r.TrainLoss);
        CurvePlotter.Write(Path.Combine(directory, "val-metric.png"), $"{task.Name}: validation {name}", $"validation {name}", rows, r => r.ValMetric);
        CurvePlotter.Write(Path.Combine(directory, "test-metric.png"), $"{task.Name}: test {name}", $"test {name}", rows, r => r.TestMetric);

        if (tuning.Count > 0)
        {
            SensitivityPlotter.Write(Path.Combine(directory, "lr-sensitivity.png"), $"{task.Name}: learning-rate sensitivity", $"final test {name}", tuning);
        }

        var json = JsonSerializer.Serialize(new { task = task.Name, metric = name, higher_is_better = metric.HigherIsBetter, optimizers = summaries, tuning },
            new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });
        AtomicFile.Write(Path.Combine(directory, SummaryFileName), s => s.Write(Encoding.UTF8.GetBytes(json)));
        AtomicFile.Write(Path.Combine(directory, ReportFileName), s => s.Write(Encoding.UTF8.GetBytes(Markdown(task, rows, summaries, tuning) + SampleGallery.Markdown(directory))));
    }

    private static string Markdown(ExperimentTask task, List<EpochMetrics> rows, List<OptimizerSummary> summaries, List<TuningResult> tuning)
    {
        EvaluationMetric m = task.Recipe.Metric;
        string metric = m.Name;
        string Format(double v) => m.Format(v);
        var md = new StringBuilder();
        md.AppendLine($"# {task.Name}: {task.Description}").AppendLine();
        md.AppendLine($"{rows.Select(r => r.Seed).Distinct().Count()} seed(s), {rows.Max(r => r.Epoch)} epoch(s). " +
                      $"Test {metric} is taken at each seed's best validation epoch; ± is the standard deviation over seeds.").AppendLine();
        md.Append($"| optimizer | lr | seeds | test {metric}{m.Unit} | best epoch | final train loss | s / epoch |");
        md.Append(m.Target is MetricTarget target ? $" first epoch {target.Label} val |" : "");
        md.AppendLine(m.Derived is DerivedColumn derived ? $" {derived.Header} |" : "");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|" + (m.Target is null ? "" : "---:|") + (m.Derived is null ? "" : "---:|"));
        foreach (OptimizerSummary s in summaries)
        {
            md.Append(FormattableString.Invariant(
                $"| {s.Optimizer} | {s.Lr:G3} | {s.Seeds} | {Format(s.TestMetricMean)} ± {Format(s.TestMetricStd)} | {s.BestEpochMean:F1} | {s.FinalTrainLossMean:F4} ± {s.FinalTrainLossStd:F4} | {s.SecondsPerEpoch:F1} |"));
            md.Append(m.Target is null ? "" : s.EpochsToThresholdMean is double e ? FormattableString.Invariant($" {e:F1} ({s.SeedsReachingThreshold}/{s.Seeds}) |") : " never |");
            md.AppendLine(m.Derived is DerivedColumn d ? $" {d.FromMetric(s.TestMetricMean).ToString("F3", CultureInfo.InvariantCulture)} |" : "");
        }
        if (tuning.Count > 0)
        {
            md.AppendLine().AppendLine($"## Learning-rate tuning (best validation {metric}, first seed)").AppendLine();
            md.AppendLine($"| optimizer | lr | best validation | final test | chosen |").AppendLine("|---|---:|---:|---:|:---:|");
            foreach (TuningResult t in tuning)
            {
                md.AppendLine(FormattableString.Invariant($"| {t.Optimizer} | {t.Lr:G3} | {Format(t.BestValMetric)} | {Format(t.FinalTestMetric)} | {(t.Chosen ? "✔" : "")} |"));
            }
            md.AppendLine().AppendLine("![learning-rate sensitivity](lr-sensitivity.png)");
        }
        md.AppendLine().AppendLine("## Curves").AppendLine();
        md.AppendLine("![training loss](train-loss.png)").AppendLine();
        md.AppendLine($"![validation {metric}](val-metric.png)").AppendLine();
        md.AppendLine($"![test {metric}](test-metric.png)");
        return md.ToString();
    }
}
