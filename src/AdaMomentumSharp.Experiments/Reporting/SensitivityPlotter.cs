using System.Globalization;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;
using ScottPlot;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// The validation metric that chooses the learning rate against the rate (log axis ticked at the rates tried), one
/// line per optimizer, the chosen rate circled: how wide a range each optimizer tolerates.
/// </summary>
internal static class SensitivityPlotter
{
    public static void Write(string path, string title, string yLabel, IReadOnlyList<TuningResult> tuning, EvaluationMetric metric)
    {
        var plot = new Plot();
        double ceiling = Ceiling(tuning, metric);
        foreach (var optimizer in tuning.GroupBy(t => t.Optimizer))
        {
            Color color = OptimizerColors.For(optimizer.Key);
            var points = optimizer.OrderBy(t => t.Lr).Where(t => !t.Diverged() && t.BestValMetric <= ceiling).ToList();
            var line = plot.Add.Scatter(points.Select(t => Math.Log10(t.Lr)).ToArray(), points.Select(t => metric.Displayed(t.BestValMetric)).ToArray(), color);
            var diverged = optimizer.Where(t => t.Diverged()).Select(t => Rate(t.Lr)).ToList();
            var offScale = optimizer.Where(t => !t.Diverged() && t.BestValMetric > ceiling).Select(t => Rate(t.Lr)).ToList();
            string Note(string what, List<string> rates) => rates.Count > 0 ? $"{what} at {string.Join(", ", rates)}" : "";
            string notes = string.Join("; ", new[] { Note("diverged", diverged), Note("off the scale", offScale) }.Where(n => n.Length > 0));
            line.LegendText = optimizer.Key + (notes.Length > 0 ? $" ({notes})" : "");
            line.LineWidth = 2;
            line.MarkerSize = 8;
            foreach (TuningResult chosen in points.Where(t => t.Chosen))
            {
                plot.Add.Marker(Math.Log10(chosen.Lr), metric.Displayed(chosen.BestValMetric), MarkerShape.OpenCircle, 18, color);
            }
        }
        double[] rates = [.. tuning.Select(t => t.Lr).DistinctBy(Rate).Order()];
        plot.Axes.Bottom.SetTicks([.. rates.Select(Math.Log10)], [.. rates.Select(Rate)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = rates.Length > 8 ? -45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = rates.Length > 8 ? Alignment.MiddleRight : Alignment.UpperCenter;
        if (rates.Length > 8)
        {
            // Slanted labels need more room than the axis measures for them, or the axis title runs into them.
            plot.Axes.Bottom.MinimumSize = 90;
        }
        PlotFile.Save(plot, path, title + " (circled: the rate chosen)", "learning rate (log scale; ticks at the rates tried)", yLabel, width: 1100);
    }

    /// <summary>How many times the best value a lower-is-better metric's axis reaches.</summary>
    public const double ScaleOverBest = 5;

    /// <summary>
    /// The largest value the plot shows: for a lower-is-better metric, which has no upper bound, <see cref="ScaleOverBest"/>
    /// times the best finite value of any optimizer, so that one blown-up rate (SGDM's validation perplexity 210,633
    /// beside everyone's 170–580) does not flatten every other line; rates above it are named in the legend instead.
    /// A higher-is-better metric shows every finite value.
    /// </summary>
    public static double Ceiling(IReadOnlyList<TuningResult> tuning, EvaluationMetric metric)
    {
        var finite = tuning.Where(t => !t.Diverged()).Select(t => t.BestValMetric).ToList();
        return metric.HigherIsBetter || finite.Count == 0 ? double.PositiveInfinity : ScaleOverBest * finite.Min();
    }

    private static string Rate(double lr) => lr.ToString("G3", CultureInfo.InvariantCulture);
}
