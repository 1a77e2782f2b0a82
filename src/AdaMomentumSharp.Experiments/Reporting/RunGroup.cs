using System.Globalization;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>One optimizer at one learning rate over the seeds it was run with (<paramref name="Runs"/> in seed order).</summary>
public sealed record RunGroup(string Optimizer, double Lr, IReadOnlyList<RunRecord> Runs)
{
    public int Seeds => Runs.Count;

    /// <summary>The lowest-numbered seed's run: the one `compare` tunes the learning rate on.</summary>
    public RunRecord FirstSeed => Runs[0];

    /// <summary>What the curves' legends call this group, e.g. "adam (lr 0.001, n = 3)".</summary>
    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Optimizer} (lr {Lr:G3}, n = {Seeds})");

    /// <summary>The first seed's best validation metric, by which `compare` chooses between rates.</summary>
    public double ChoosingScore(EvaluationMetric metric) => TuningResult.BestValidation(FirstSeed, metric);

    /// <summary>Each seed's best validation metric, averaged: with one seed, <see cref="ChoosingScore"/>.</summary>
    public double MeanBestValidation(EvaluationMetric metric) => Runs.Average(run => TuningResult.BestValidation(run, metric));
}
