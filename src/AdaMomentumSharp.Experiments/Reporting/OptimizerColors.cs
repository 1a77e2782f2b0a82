using AdaMomentumSharp.Experiments.Optimizers;
using ScottPlot;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>One colour per optimizer (by its place in the catalogue), the same in every picture.</summary>
internal static class OptimizerColors
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();

    public static Color For(string optimizer)
    {
        int index = OptimizerCatalog.Names.ToList().IndexOf(optimizer);
        return index < 0 ? Colors.Black : Palette.GetColor(index);
    }
}
