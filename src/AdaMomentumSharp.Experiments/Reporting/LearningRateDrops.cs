using System.Globalization;
using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>The epochs of a run whose learning rate is lower than the epoch before's: where a step schedule dropped it.</summary>
internal static class LearningRateDrops
{
    /// <summary>More drops than this is an annealing schedule (cosine): the plots say so instead of marking every epoch.</summary>
    public const int MostMarked = 4;

    /// <summary>Each drop: the first epoch at the lower rate and the factor (e.g. 0.1).</summary>
    public static IReadOnlyList<(int Epoch, double Factor)> In(IReadOnlyList<EpochMetrics> epochs) =>
        [.. epochs.Zip(epochs.Skip(1)).Where(p => p.Second.Lr < p.First.Lr).Select(p => (p.Second.Epoch, p.Second.Lr / p.First.Lr))];

    /// <summary>What the report says of the schedule under its curves, e.g. "Dashed lines mark where the learning rate dropped: ×0.1 from epoch 7."</summary>
    public static string Describe(IReadOnlyList<EpochMetrics> epochs)
    {
        var drops = In(epochs);
        return drops.Count switch
        {
            0 => "The learning rate stayed constant.",
            > MostMarked => "The learning rate was annealed every epoch.",
            _ => "Dashed lines mark where the learning rate dropped: " +
                 string.Join(", ", drops.Select(d => string.Create(CultureInfo.InvariantCulture, $"×{d.Factor:G2} from epoch {d.Epoch}"))) + ".",
        };
    }
}
