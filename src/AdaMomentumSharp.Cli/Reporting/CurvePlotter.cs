using AdaMomentumSharp.Cli.Experiments;
using ScottPlot;

namespace AdaMomentumSharp.Cli.Reporting;

/// <summary>Curves against epoch, one line per optimizer with a band of ± one standard deviation over seeds.</summary>
public static class CurvePlotter
{
    public static void Write(string path, string title, string yLabel, IReadOnlyList<EpochMetrics> rows, Func<EpochMetrics, double> value)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int index = 0;
        foreach (var optimizer in rows.GroupBy(r => r.Optimizer))
        {
            var byEpoch = optimizer.GroupBy(r => r.Epoch).OrderBy(g => g.Key).ToList();
            double[] epochs = byEpoch.Select(g => (double)g.Key).ToArray();
            double[] mean = byEpoch.Select(g => g.Select(value).Average()).ToArray();
            double[] std = byEpoch.Select(g => OptimizerSummary.Std(g.Select(value))).ToArray();
            Color color = palette.GetColor(index++);
            if (std.Any(s => s > 0))
            {
                var band = plot.Add.FillY(epochs, mean.Zip(std, (m, s) => m - s).ToArray(), mean.Zip(std, (m, s) => m + s).ToArray());
                band.FillColor = color.WithAlpha(0.2);
                band.LineWidth = 0;
            }
            var line = plot.Add.Scatter(epochs, mean, color);
            line.LegendText = optimizer.Key;
            line.LineWidth = 2;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        PlotFile.Save(plot, path, title, "epoch", yLabel);
    }
}
