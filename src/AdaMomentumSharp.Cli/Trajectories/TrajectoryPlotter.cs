using AdaMomentumSharp.Cli.Reporting;
using ScottPlot;

namespace AdaMomentumSharp.Cli.Trajectories;

/// <summary>Draws optimizer paths over the contours of a test function (log-spaced levels of f − min f).</summary>
public static class TrajectoryPlotter
{
    public static void Write(string path, TestFunction function, IReadOnlyList<(string Optimizer, List<(double X, double Y)> Points)> paths)
    {
        const int resolution = 80;
        var (xMin, xMax, yMin, yMax) = function.Area;
        var grid = new Coordinates3d[resolution, resolution];
        double floor = double.PositiveInfinity;
        var values = new double[resolution, resolution];
        for (int i = 0; i < resolution; i++)
        {
            for (int j = 0; j < resolution; j++)
            {
                values[i, j] = function.ValueAt(xMin + (xMax - xMin) * j / (resolution - 1), yMin + (yMax - yMin) * i / (resolution - 1));
                floor = Math.Min(floor, values[i, j]);
            }
        }
        for (int i = 0; i < resolution; i++)
        {
            for (int j = 0; j < resolution; j++)
            {
                double x = xMin + (xMax - xMin) * j / (resolution - 1), y = yMin + (yMax - yMin) * i / (resolution - 1);
                grid[i, j] = new Coordinates3d(x, y, Math.Log(1 + values[i, j] - floor));
            }
        }

        var plot = new Plot();
        var contours = plot.Add.ContourLines(grid, 14);
        contours.LineColor = Colors.Gray.WithAlpha(0.6);
        contours.LabelStyle.IsVisible = false;
        var palette = new ScottPlot.Palettes.Category10();
        for (int k = 0; k < paths.Count; k++)
        {
            var points = paths[k].Points.Where(p => p.X >= xMin - 1 && p.X <= xMax + 1 && p.Y >= yMin - 1 && p.Y <= yMax + 1).ToList();
            var line = plot.Add.ScatterLine(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), palette.GetColor(k));
            line.LegendText = paths[k].Optimizer;
            line.LineWidth = 2;
        }
        plot.Add.Marker(function.Start.X, function.Start.Y, MarkerShape.FilledCircle, 10, Colors.Black);
        if (function.Minimum is var (mx, my))
        {
            plot.Add.Marker(mx, my, MarkerShape.FilledDiamond, 12, Colors.Red);
        }
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        PlotFile.Save(plot, path, $"{function.Name}: {function.Steps} steps from ({function.Start.X}, {function.Start.Y})", "x", "y", height: 700);
    }
}
