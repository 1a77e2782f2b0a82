using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// Which runs of a group stopped being numbers in a plotted value, and from which epoch: a diverged run's curve cannot
/// be drawn past that point, so the picture says it in words instead of showing an empty frame.
/// </summary>
internal static class NonFiniteRuns
{
    /// <summary>E.g. "seed 1 NaN from epoch 3, seed 2 ∞ from epoch 5"; null when every value is finite.</summary>
    public static string? Describe(RunGroup group, Func<EpochMetrics, double> value)
    {
        var notes = new List<string>();
        foreach (RunRecord run in group.Runs)
        {
            if (run.Epochs.FirstOrDefault(e => !double.IsFinite(value(e))) is EpochMetrics first)
            {
                notes.Add($"seed {run.Seed} {Name(value(first))} from epoch {first.Epoch}");
            }
        }
        return notes.Count == 0 ? null : string.Join(", ", notes);
    }

    /// <summary>The epochs at which every run of the group has a finite value: the points a curve can show.</summary>
    public static bool AllFinite(IEnumerable<EpochMetrics> epoch, Func<EpochMetrics, double> value) => epoch.All(e => double.IsFinite(value(e)));

    private static string Name(double value) => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "−∞",
        _ => "NaN",
    };
}
