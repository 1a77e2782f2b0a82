using AdaMomentumSharp.Files;
using ScottPlot;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>Finishes a plot with its labels and a legend beside the data (never over it) and writes it as a PNG atomically.</summary>
internal static class PlotFile
{
    public static void Save(Plot plot, string path, string title, string xLabel, string yLabel, int width = 900, int height = 560)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Edge.Right);
        byte[] png = plot.GetImageBytes(width, height, ImageFormat.Png);
        AtomicFile.Write(path, stream => stream.Write(png));
    }
}
