namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>One row of metrics.csv: a (task, optimizer, seed, epoch) with the learning rate used in that epoch.</summary>
public sealed record EpochMetrics(
    string Task, string Optimizer, int Seed, int Epoch, double Lr,
    double TrainLoss, double ValLoss, double ValMetric, double TestLoss, double TestMetric, double Seconds);
