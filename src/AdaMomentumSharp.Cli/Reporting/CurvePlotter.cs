using System.Globalization;
using AdaMomentumSharp.Cli.Experiments;
using ScottPlot;

namespace AdaMomentumSharp.Cli.Reporting;

/// <summary>
/// Curves against epoch, one line per optimizer (at its reported rate) with a band of ± one standard deviation over
/// seeds, and a dashed vertical line where the learning rate dropped.
/// </summary>
public static class CurvePlotter
{
    public static void Write(string path, string title, string yLabel, IReadOnlyList<RunGroup> groups, Func<EpochMetrics, double> value)
    {
        var plot = new Plot();
        foreach (RunGroup group in groups)
        {
            var byEpoch = group.Runs.SelectMany(r => r.Epochs).GroupBy(r => r.Epoch).OrderBy(g => g.Key).ToList();
            double[] epochs = [.. byEpoch.Select(g => (double)g.Key)];
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
            line.LegendText = group.Label;
            line.LineWidth = 2;
        }
        string annealed = MarkLearningRateDrops(plot, groups);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        PlotFile.Save(plot, path, title + annealed, "epoch", yLabel, width: 1100);
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
