using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// Builds metrics.csv, tuning.csv, summary.json, report.md and the plots of a results folder from every finished run
/// it holds (see <see cref="ComparisonResults"/>).
/// </summary>
public static class ReportBuilder
{
    public const string ReportFileName = "report.md";
    public const string SummaryFileName = "summary.json";

    /// <summary>Rebuilds the report of a folder whatever task it holds (`adamomentum report`).</summary>
    /// <param name="unfinished">The runs the folder's plan still lacks, named in the report; none when every run finished.</param>
    /// <returns>The runs reported, and the run files left out as unreadable.</returns>
    public static ComparisonResults Write(string directory, IReadOnlyList<string>? unfinished = null)
    {
        ComparisonResults results = ComparisonResults.Load(directory);
        return Write(directory, TaskRegistry.Get(results.Task), results, unfinished ?? []);
    }

    /// <inheritdoc cref="Write(string, IReadOnlyList{string})"/>
    public static ComparisonResults Write(string directory, ExperimentTask task, IReadOnlyList<string>? unfinished = null) =>
        Write(directory, task, ComparisonResults.Load(directory), unfinished ?? []);

    private static ComparisonResults Write(string directory, ExperimentTask task, ComparisonResults results, IReadOnlyList<string> unfinished)
    {
        EvaluationMetric metric = task.Recipe.Metric;
        results.WriteMetrics(directory);
        results.WriteTuning(directory, metric);
        IReadOnlyList<RunGroup> reported = results.Reported(metric);
        IReadOnlyList<TuningResult> tuning = results.Tuning(metric);
        var summaries = reported.Select(g => OptimizerSummary.From(g, metric)).ToList();

        ReportPlots.Write(directory, task, reported, tuning);
        var json = JsonSerializer.Serialize(new { task = task.Name, metric = metric.Name, higher_is_better = metric.HigherIsBetter, optimizers = summaries, tuning },
            new JsonSerializerOptions { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals });
        AtomicFile.Write(Path.Combine(directory, SummaryFileName), s => s.Write(Encoding.UTF8.GetBytes(json)));
        AtomicFile.Write(Path.Combine(directory, ReportFileName), s => s.Write(Encoding.UTF8.GetBytes(Markdown(task, results, reported, summaries, tuning, directory, unfinished)
            + DiagnosticsReport.Write(directory, task.Name, results.Groups, reported) + SampleGallery.Markdown(directory))));
        return results;
    }

    /// <summary>
    /// The folder's protocol, and each optimizer's eps (where it has one) and weight decay as its runs recorded them (runs
    /// made before they were recorded ran with the recipe's, and are left out); "" when there is neither.
    /// </summary>
    private static string RecordedSettings(ComparisonResults results, string directory)
    {
        string protocol = Protocol(directory) is string name ? $"Protocol: {name} (docs/EXPERIMENTS.md, *Protocols*). " : "";
        var recorded = results.Runs.Where(r => r.WeightDecay is not null)
            .Select(r => (r.Optimizer, r.Eps, WeightDecay: r.WeightDecay!.Value)).Distinct().OrderBy(r => r.Optimizer, StringComparer.Ordinal).ToList();
        return recorded.Count == 0
            ? protocol.Length == 0 ? "" : protocol.TrimEnd() + "\n"
            : protocol + "Each optimizer's eps and weight decay, as its runs recorded them: " +
              string.Join("; ", recorded.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Optimizer} {(r.Eps is double eps ? $"eps {eps:G3}, " : "")}weight " +
                  $"decay {r.WeightDecay:G3}"))) + ".\n";
    }

    /// <summary>The protocol experiment.json records; null when the folder has none or it cannot be read (the report goes on without it).</summary>
    private static string? Protocol(string directory)
    {
        string path = Path.Combine(directory, RunStore.SettingsFileName);
        try
        {
            return File.Exists(path) ? ResultsJson.Read<ExperimentSettings>(path).Protocol : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string Markdown(ExperimentTask task, ComparisonResults results, IReadOnlyList<RunGroup> reported, List<OptimizerSummary> summaries,
                                   IReadOnlyList<TuningResult> tuning, string directory, IReadOnlyList<string> unfinished)
    {
        EvaluationMetric m = task.Recipe.Metric;
        var md = new StringBuilder();
        md.AppendLine($"# {task.Name}: {task.Description}").AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{results.Runs.Count} finished run(s) of {results.Runs.Max(r => r.Epochs.Count)} epoch(s)") +
            (results.FromRunsFolder ? ". " : $" in {ComparisonResults.MetricsFileName} (this copy holds no runs/). ") +
            string.Concat(results.Unreadable.Select(u => $"**Left out:** {u} ")) +
            "Each row is one optimizer at one " +
            $"learning rate over its n seeds: test {m.Name} at each seed's best validation epoch, mean ± sample standard deviation " +
            "over seeds (no ± for a single seed).");
        if (results.Groups.Count > summaries.Count)
        {
            md.AppendLine($"An optimizer run at several learning rates shows the rate with the most seeds (ties: the best validation {m.Name} " +
                          "averaged over those seeds; with one seed, the first seed's, by which `compare` chooses); every rate it was run at " +
                          "is listed under *Learning rates tried*.");
        }
        md.Append(RecordedSettings(results, directory));
        if (unfinished.Count > 0)
        {
            md.AppendLine($"**Not finished yet:** {unfinished.Count} run(s) of the folder's plan (sweep.json): {string.Join(", ", unfinished)}.");
        }
        md.AppendLine().Append(ReportTable.Optimizers(summaries, m, task.Recipe.TrainingLoss));
        // A GAN's training loss is its discriminator's, which measures the contest rather than how fast anything learns.
        md.Append(SignificanceTable.Markdown(reported, m, includeTrainingSpeed: task is not DcganTask));
        if (tuning.Count > 0)
        {
            md.AppendLine().AppendLine("## Learning rates tried").AppendLine();
            md.AppendLine($"The first seed's best validation {m.Name} chooses the rate at which `compare` runs the other seeds " +
                          "(✔ marks the rate in the table above: of rates run with the same several seeds, the one best on average over them); " +
                          $"its final test {m.Name} is shown for reference only. " +
                          $"A run whose {m.DivergedMeans} is marked diverged and is never chosen.").AppendLine();
            md.Append(ReportTable.Tuning(tuning, results.Groups, m));
            md.AppendLine().AppendLine($"![validation {m.Name} against learning rate]({ReportPlots.SensitivityFileName})");
            md.Append(StabilityTable.Markdown(results.Groups, task.Recipe, m));
        }
        md.AppendLine().AppendLine("## Curves").AppendLine();
        md.AppendLine("Each optimizer at the rate in its row above. " + LearningRateDrops.Describe(reported[0].FirstSeed.Epochs)).AppendLine();
        md.AppendLine("![training loss](train-loss.png)").AppendLine();
        md.AppendLine($"![validation {m.Name}](val-metric.png)").AppendLine();
        md.AppendLine($"![test {m.Name}](test-metric.png)");
        return md.ToString();
    }
}
