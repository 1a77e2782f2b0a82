using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;
using MathNet.Numerics.Statistics;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// One optimizer's results at one learning rate over its seeds, as the report's table shows them. Spreads are null
/// for a single seed, where there is none to measure.
/// </summary>
internal sealed record OptimizerSummary(
    string Optimizer, double Lr, int Seeds,
    double TestMetricMean, double? TestMetricStd, double BestEpochMean,
    double FinalTrainLossMean, double? FinalTrainLossStd, double MedianWallSecondsPerEpoch,
    double? EpochsToThresholdMean, int SeedsReachingThreshold)
{
    /// <summary>
    /// Per seed, the test metric at the epoch with the best validation metric; then mean and sample standard deviation
    /// over seeds. Time is the median of every epoch's wall-clock seconds.
    /// </summary>
    public static OptimizerSummary From(RunGroup group, EvaluationMetric metric)
    {
        var seeds = group.Runs.Select(run => run.Epochs).ToList();
        var best = seeds.Select(epochs => metric.Best(epochs, e => e.ValMetric)).ToList();
        var finalLoss = seeds.Select(e => e[^1].TrainLoss).ToList();
        var reached = metric.Target is MetricTarget target
            ? seeds.Select(e => e.FirstOrDefault(r => metric.Reaches(r.ValMetric, target.Value))?.Epoch).OfType<int>().Select(e => (double)e).ToList()
            : [];
        return new OptimizerSummary(
            group.Optimizer, group.Lr, group.Seeds,
            best.Average(b => b.TestMetric), Std(best.Select(b => b.TestMetric)), best.Average(b => (double)b.Epoch),
            finalLoss.Average(), Std(finalLoss), seeds.SelectMany(e => e).Select(e => e.Seconds).Median(),
            reached.Count > 0 ? reached.Average() : null, reached.Count);
    }

    /// <summary>Sample standard deviation (n − 1); null for fewer than two values.</summary>
    public static double? Std(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count < 2 ? null : list.StandardDeviation();
    }
}
