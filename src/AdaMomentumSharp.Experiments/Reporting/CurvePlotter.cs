using System.Globalization;
using AdaMomentumSharp.Experiments.Runs;
using ScottPlot;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// Curves against epoch, one line per optimizer (at its reported rate) with a band of ± one standard deviation over
/// seeds, and a dashed vertical line where the learning rate dropped. A run that went NaN or ∞ is drawn up to there
/// and named in the legend.
/// </summary>
internal static class CurvePlotter
{
    public static void Write(string path, string title, string yLabel, IReadOnlyList<RunGroup> groups, Func<EpochMetrics, double> value)
    {
        Plot plot = Draw(groups, value, out string annealed);
        PlotFile.Save(plot, path, title + annealed, "epoch", yLabel, width: 1100);
    }

    /// <summary>
    /// The curves, each over the epochs at which all its runs are finite; a run that went NaN or ∞ is named in its
    /// group's legend entry with the epoch it did so from. Returns the plot and, in <paramref name="annealed"/>, a title suffix.
    /// </summary>
    public static Plot Draw(IReadOnlyList<RunGroup> groups, Func<EpochMetrics, double> value, out string annealed)
    {
        var plot = new Plot();
        bool anyPoint = false;
        foreach (RunGroup group in groups)
        {
            var byEpoch = group.Runs.SelectMany(r => r.Epochs).GroupBy(r => r.Epoch).Where(g => NonFiniteRuns.AllFinite(g, value))
                .OrderBy(g => g.Key).ToList();
            double[] epochs = [.. byEpoch.Select(g => (double)g.Key)];
            anyPoint |= epochs.Length > 0;
            double[] mean = [.. byEpoch.Select(g => g.Select(value).Average())];
            double[] std = [.. byEpoch.Select(g => OptimizerSummary.Std(g.Select(value)) ?? 0)];
            Color color = OptimizerColors.For(group.Optimizer);
            if (std.Any(s => s > 0))
            {
                var band = plot.Add.FillY(epochs, [.. mean.Zip(std, (m, s) => m - s)], [.. mean.Zip(std, (m, s) => m + s)]);
                band.FillColor = color.WithAlpha(0.2);
                band.LineWidth = 0;
            }
            var line = plot.Add.Scatter(epochs, mean, color);
            line.LegendText = NonFiniteRuns.Describe(group, value) is string diverged ? $"{group.Label}: {diverged}" : group.Label;
            line.LineWidth = 2;
        }
        annealed = MarkLearningRateDrops(plot, groups);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (!anyPoint)
        {
            SayNothingIsFinite(plot, groups);
        }
        return plot;
    }

    /// <summary>Instead of an empty frame with ScottPlot's −10…10 axes: the epochs on x, no y ticks, and a sentence why.</summary>
    private static void SayNothingIsFinite(Plot plot, IReadOnlyList<RunGroup> groups)
    {
        int[] epochs = [.. groups.SelectMany(g => g.Runs).SelectMany(r => r.Epochs).Select(e => e.Epoch).DefaultIfEmpty(1)];
        plot.Add.Annotation("No finite value to draw: at every epoch some run was NaN or ∞ (see the legend).", Alignment.MiddleCenter);
        plot.Axes.SetLimitsX(epochs.Min() - 0.5, epochs.Max() + 0.5);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
    }

    /// <summary>Draws the drops of the first run (every run shares the schedule); returns a title suffix for an annealing schedule.</summary>
    private static string MarkLearningRateDrops(Plot plot, IReadOnlyList<RunGroup> groups)
    {
        var drops = groups.Count > 0 ? LearningRateDrops.In(groups[0].FirstSeed.Epochs) : [];
        if (drops.Count > LearningRateDrops.MostMarked)
        {
            return " (learning rate annealed every epoch)";
        }
        if (drops.Count > 0)
        {
            // Room between the frame and the title for the drops' labels.
            plot.Axes.Top.MinimumSize = 30;
        }
        foreach (var (epoch, factor) in drops)
        {
            // Epoch e is the first trained at the lower rate: the drop happens between the points of e − 1 and e.
            var line = plot.Add.VerticalLine(epoch - 0.5, 1, Colors.Gray, LinePattern.Dashed);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"lr ×{factor:G2} from epoch {epoch}");
            line.LabelText = string.Create(CultureInfo.InvariantCulture, $"lr ×{factor:G2}");
            line.LabelFontColor = Colors.Black;
            line.LabelBackgroundColor = Colors.White;
            // At the bottom the label would cover the epoch ticks it sits between.
            line.LabelOppositeAxis = true;
        }
        return "";
    }
}
