using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// One learning rate tried for one optimizer, a row of tuning.csv: its best validation metric (which chooses), its
/// final-epoch test metric (which the sensitivity plot shows), and whether it was chosen.
/// </summary>
public sealed record TuningResult(string Optimizer, double Lr, double BestValMetric, double FinalTestMetric, bool Chosen)
{
    public const string FileName = "tuning.csv";

    /// <summary>What a rate is chosen by: the run's best validation metric, a diverged (NaN) epoch counting as the worst possible.</summary>
    public static double BestValidation(RunRecord run, EvaluationMetric metric) =>
        metric.WorstIfNaN(metric.Best(run.Epochs, e => e.ValMetric).ValMetric);
}
