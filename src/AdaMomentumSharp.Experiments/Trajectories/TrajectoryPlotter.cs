using System.Globalization;
using AdaMomentumSharp.Experiments.Reporting;
using ScottPlot;

namespace AdaMomentumSharp.Experiments.Trajectories;

/// <summary>
/// Draws optimizer paths over the contours of a test function (log-spaced levels of f − min f). Paths that coincide
/// stay distinguishable: each is drawn narrower and with another dash pattern than the one beneath it, and ends in its
/// own marker; the legend gives each rate and says which path left the frame or diverged, and when.
/// </summary>
public static class TrajectoryPlotter
{
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.Solid];

    private static readonly MarkerShape[] EndShapes =
        [MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledTriangleDown, MarkerShape.FilledCircle, MarkerShape.Eks];

    public static void Write(string path, TestFunction function, IReadOnlyList<Trajectory> paths)
    {
        var plot = new Plot();
        AddContours(plot, function);
        for (int k = 0; k < paths.Count; k++)
        {
            AddPath(plot, function, paths[k], k, paths.Count);
        }
        // Markers go over every line, open ones last: an end marker often sits on the minimum or in another path's noise.
        for (int k = 0; k < paths.Count; k++)
        {
            if (function.Contains(paths[k].Points[^1]))
            {
                var (x, y) = paths[k].Points[^1];
                var end = plot.Add.Marker(x, y, EndShapes[k % EndShapes.Length], 13, OptimizerColors.For(paths[k].Optimizer));
                end.MarkerLineColor = Colors.Black;
                end.MarkerLineWidth = 1;
            }
        }
        if (function.Minimum is var (mx, my))
        {
            var minimum = plot.Add.Marker(mx, my, MarkerShape.OpenDiamond, 22, Colors.Red);
            minimum.MarkerLineWidth = 2.5f;
            minimum.LegendText = "minimum";
        }
        var start = plot.Add.Marker(function.Start.X, function.Start.Y, MarkerShape.OpenCircle, 18, Colors.Black);
        start.MarkerLineWidth = 2.5f;
        start.LegendText = string.Create(CultureInfo.InvariantCulture, $"start ({function.Start.X}, {function.Start.Y})");
        var (xMin, xMax, yMin, yMax) = function.Area;
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        string ends = paths.Any(p => function.Contains(p.Points[^1])) ? "; a filled marker where a path ended" : "";
        PlotFile.Save(plot, path, $"{function.Name}: {function.Steps} steps{ends}", "x", "y", width: 1350, height: 800);
    }

    /// <summary>
    /// The k-th of n paths: the first drawn widest, so later (narrower, differently dashed) paths on top of it leave it
    /// visible as a border. Points far outside the frame are pulled in so the drawing's coordinates stay finite and small.
    /// </summary>
    private static void AddPath(Plot plot, TestFunction function, Trajectory trajectory, int k, int n)
    {
        var (xMin, xMax, yMin, yMax) = function.Area;
        double width = xMax - xMin, height = yMax - yMin;
        double[] xs = [.. trajectory.Points.Select(p => Math.Clamp(p.X, xMin - width, xMax + width))];
        double[] ys = [.. trajectory.Points.Select(p => Math.Clamp(p.Y, yMin - height, yMax + height))];
        var line = plot.Add.ScatterLine(xs, ys, OptimizerColors.For(trajectory.Optimizer));
        line.LineWidth = 2 + 2.5f * (n - 1 - k);
        line.LinePattern = Patterns[k % Patterns.Length];
        line.LegendText = Legend(function, trajectory);
    }

    /// <summary>E.g. "sgdm, lr 0.01: left the frame at step 76; at (-1.2E-07, 1.2E+10) after step 300" or "adam, lr 0.02: f = 1.6e-03 at the end".</summary>
    public static string Legend(TestFunction function, Trajectory trajectory)
    {
        var (x, y) = trajectory.Points[^1];
        string fate = trajectory.LeftFrameAt(function) is int step
            ? $"left the frame at step {step}" + (function.Contains((x, y)) ? ", came back" : $"; at ({x:G2}, {y:G2}) after step {trajectory.Steps}")
            : $"f = {function.ValueAt(x, y):0.0e+00} at the end";
        if (trajectory.Diverged)
        {
            fate += $"; diverged (not finite) after step {trajectory.Steps}";
        }
        return string.Create(CultureInfo.InvariantCulture, $"{trajectory.Optimizer}, lr {trajectory.Lr:G3}: {fate}");
    }

    private static void AddContours(Plot plot, TestFunction function)
    {
        const int resolution = 80;
        var (xMin, xMax, yMin, yMax) = function.Area;
        var values = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
        {
            for (int j = 0; j < resolution; j++)
            {
                values[i, j] = function.ValueAt(xMin + (xMax - xMin) * j / (resolution - 1), yMin + (yMax - yMin) * i / (resolution - 1));
            }
        }
        double floor = values.Cast<double>().Min();
        var grid = new Coordinates3d[resolution, resolution];
        for (int i = 0; i < resolution; i++)
        {
            for (int j = 0; j < resolution; j++)
            {
                double x = xMin + (xMax - xMin) * j / (resolution - 1), y = yMin + (yMax - yMin) * i / (resolution - 1);
                grid[i, j] = new Coordinates3d(x, y, Math.Log(1 + values[i, j] - floor));
            }
        }
        var contours = plot.Add.ContourLines(grid, 14);
        contours.LineColor = Colors.Gray.WithAlpha(0.6);
        contours.LabelStyle.IsVisible = false;
    }
}
