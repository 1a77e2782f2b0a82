using AdaMomentumSharp.Cli.Experiments;
using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Reporting;

/// <summary>One optimizer's results over its seeds, as the report's table shows them.</summary>
public sealed record OptimizerSummary(
    string Optimizer, double Lr, int Seeds,
    double TestMetricMean, double TestMetricStd, double BestEpochMean,
    double FinalTrainLossMean, double FinalTrainLossStd, double SecondsPerEpoch,
    double? EpochsToThresholdMean, int SeedsReachingThreshold)
{
    /// <summary>
    /// Summarizes one optimizer's rows: per seed, the test metric at the epoch with the best validation metric;
    /// then mean and sample standard deviation over seeds.
    /// </summary>
    public static OptimizerSummary From(string optimizer, IReadOnlyList<EpochMetrics> rows, EvaluationMetric metric)
    {
        var seeds = rows.GroupBy(r => r.Seed).Select(g => g.OrderBy(r => r.Epoch).ToList()).ToList();
        var best = seeds.Select(epochs => metric.Best(epochs, e => e.ValMetric)).ToList();
        var finalLoss = seeds.Select(e => e[^1].TrainLoss).ToList();
        var reached = metric.Target is MetricTarget target
            ? seeds.Select(e => e.FirstOrDefault(r => metric.Reaches(r.ValMetric, target.Value))?.Epoch).Where(x => x is not null).Select(x => (double)x!.Value).ToList()
            : [];
        return new OptimizerSummary(
            optimizer, rows[0].Lr, seeds.Count,
            Mean(best.Select(b => b.TestMetric)), Std(best.Select(b => b.TestMetric)), Mean(best.Select(b => (double)b.Epoch)),
            Mean(finalLoss), Std(finalLoss), Mean(rows.Select(r => r.Seconds)),
            reached.Count > 0 ? reached.Average() : null, reached.Count);
    }

    public static double Mean(IEnumerable<double> values) => values.Average();

    /// <summary>Sample standard deviation (n − 1); 0 for a single value.</summary>
    public static double Std(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count < 2)
        {
            return 0;
        }
        double mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }
}
