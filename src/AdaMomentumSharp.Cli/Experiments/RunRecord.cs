namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>A completed training run: its optimizer, learning rate, seed and every epoch's metrics.</summary>
public sealed record RunRecord(string Optimizer, double Lr, int Seed, IReadOnlyList<EpochMetrics> Epochs);
