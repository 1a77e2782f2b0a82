using System.Globalization;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>The report's pictures and what their axes say: the metric in the table's unit, the loss as trained.</summary>
internal static class ReportPlots
{
    public const string SensitivityFileName = "lr-sensitivity.png";

    public static void Write(string directory, ExperimentTask task, IReadOnlyList<RunGroup> reported, IReadOnlyList<TuningResult> tuning)
    {
        EvaluationMetric metric = task.Recipe.Metric;
        string name = metric.Name;
        CurvePlotter.Write(Path.Combine(directory, "train-loss.png"), $"{task.Name}: training loss", TrainingLossLabel(task), reported, r => r.TrainLoss);
        CurvePlotter.Write(Path.Combine(directory, "val-metric.png"), $"{task.Name}: validation {name}", $"validation {name}{metric.Unit}",
            reported, r => metric.Displayed(r.ValMetric));
        CurvePlotter.Write(Path.Combine(directory, "test-metric.png"), $"{task.Name}: test {name}", $"test {name}{metric.Unit}",
            reported, r => metric.Displayed(r.TestMetric));
        if (tuning.Count > 0)
        {
            SensitivityPlotter.Write(Path.Combine(directory, SensitivityFileName), $"{task.Name}: learning-rate sensitivity",
                $"best validation {name}{metric.Unit}, first seed (chooses the rate)", tuning, metric);
        }
    }

    /// <summary>The recipe's name for its training loss, saying so when it includes label smoothing (evaluation losses never do).</summary>
    public static string TrainingLossLabel(ExperimentTask task) => task.Recipe.Defaults.LabelSmoothing > 0
        ? string.Create(CultureInfo.InvariantCulture, $"{task.Recipe.TrainingLoss} (with label smoothing {task.Recipe.Defaults.LabelSmoothing:G3})")
        : task.Recipe.TrainingLoss;
}
