using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// One learning rate an optimizer was run at, a row of tuning.csv, all of its first seed: its best validation metric
/// (which chooses, and which the sensitivity plot shows), its final-epoch test metric (for reference), and whether it
/// is the rate the report's table shows.
/// </summary>
public sealed record TuningResult(string Optimizer, double Lr, double BestValMetric, double FinalTestMetric, bool Chosen)
{
    public const string FileName = "tuning.csv";

    /// <summary>
    /// What a rate is chosen by: the run's best validation metric, the worst possible value (±∞) when the run diverged
    /// (<see cref="EvaluationMetric.Diverged"/>) or an epoch's metric is NaN.
    /// </summary>
    public static double BestValidation(RunRecord run, EvaluationMetric metric) =>
        metric.Diverged([.. run.Epochs.Select(e => e.TrainLoss)])
            ? metric.Worst
            : metric.WorstIfNaN(metric.Best(run.Epochs, e => e.ValMetric).ValMetric);

    /// <summary>Whether the run at this rate diverged (its score is the worst possible). A method, not a column of tuning.csv.</summary>
    public bool Diverged() => double.IsInfinity(BestValMetric);
}
