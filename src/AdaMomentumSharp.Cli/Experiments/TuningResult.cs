using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// One learning rate an optimizer was run at, a row of tuning.csv, all of its first seed: its best validation metric
/// (which chooses, and which the sensitivity plot shows), its final-epoch test metric (for reference), and whether it
/// is the rate the report's table shows.
/// </summary>
public sealed record TuningResult(string Optimizer, double Lr, double BestValMetric, double FinalTestMetric, bool Chosen)
{
    public const string FileName = "tuning.csv";

    /// <summary>What a rate is chosen by: the run's best validation metric, a diverged (NaN) epoch counting as the worst possible.</summary>
    public static double BestValidation(RunRecord run, EvaluationMetric metric) =>
        metric.WorstIfNaN(metric.Best(run.Epochs, e => e.ValMetric).ValMetric);
}
