namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// One learning rate tried for one optimizer, a row of tuning.csv: its best validation metric (which chooses), its
/// final-epoch test metric (which the sensitivity plot shows), and whether it was chosen.
/// </summary>
public sealed record TuningResult(string Optimizer, double Lr, double BestValMetric, double FinalTestMetric, bool Chosen)
{
    public const string FileName = "tuning.csv";
}
