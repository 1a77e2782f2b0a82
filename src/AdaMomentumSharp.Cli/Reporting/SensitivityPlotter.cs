using AdaMomentumSharp.Cli.Experiments;
using ScottPlot;

namespace AdaMomentumSharp.Cli.Reporting;

/// <summary>Final test metric against learning rate (log scale), one line per optimizer: how wide a range each tolerates.</summary>
public static class SensitivityPlotter
{
    public static void Write(string path, string title, string yLabel, IReadOnlyList<TuningResult> tuning)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        int index = 0;
        foreach (var optimizer in tuning.GroupBy(t => t.Optimizer))
        {
            var points = optimizer.OrderBy(t => t.Lr).Where(t => double.IsFinite(t.FinalTestMetric)).ToList();
            var line = plot.Add.Scatter(points.Select(t => Math.Log10(t.Lr)).ToArray(), points.Select(t => t.FinalTestMetric).ToArray(), palette.GetColor(index++));
            line.LegendText = optimizer.Key;
            line.LineWidth = 2;
            line.MarkerSize = 8;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = exponent => Math.Pow(10, exponent).ToString("G2", System.Globalization.CultureInfo.InvariantCulture),
        };
        PlotFile.Save(plot, path, title, "learning rate (log scale)", yLabel);
    }
}
