namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>
/// One run of a <see cref="SweepPlan"/>. Its <see cref="Id"/> is derived from what it trains, so a plan made again with
/// the same options names its runs the same way.
/// </summary>
/// <param name="Index">Its place in the plan: what `sweep run --index` and a Slurm array task take.</param>
/// <param name="Id">The run's file name (optimizer, rate, seed), or <c>optimizer-tuned-seedN</c> for a run at the rate its optimizer's tuning runs choose.</param>
/// <param name="Lr">Its learning rate; null for a run at the tuned rate, known once its optimizer's tuning runs have all finished.</param>
/// <param name="Tunes">Whether it is one of its optimizer's tuning runs: the grid's rates on the first seed.</param>
public sealed record PlannedRun(int Index, string Id, string Optimizer, double? Lr, int Seed, bool Tunes)
{
    /// <summary>How progress lines and errors name the run.</summary>
    public string Label => Lr is double lr ? $"{Optimizer} lr {lr:G3} seed {Seed}" : $"{Optimizer} at its tuned rate, seed {Seed}";
}
