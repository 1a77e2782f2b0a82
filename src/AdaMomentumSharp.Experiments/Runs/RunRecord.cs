namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// A completed training run: its optimizer, learning rate, seed and every epoch's metrics, and the eps and weight
/// decay it ran with (null in runs recorded before they were: those ran with the folder's recipe values).
/// </summary>
public sealed record RunRecord(string Optimizer, double Lr, int Seed, IReadOnlyList<EpochMetrics> Epochs, double? Eps = null, double? WeightDecay = null);
