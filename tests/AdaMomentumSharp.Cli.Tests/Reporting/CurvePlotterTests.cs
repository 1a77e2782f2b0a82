using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;
using ScottPlot;
using ScottPlot.Plottables;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Curves of runs that went NaN or ∞: drawn as far as they are numbers, and named with the epoch they stopped at.</summary>
public sealed class CurvePlotterTests
{
    private static RunRecord Run(string optimizer, double lr, int seed, params double[] trainLoss) =>
        new(optimizer, lr, seed, [.. trainLoss.Select((loss, i) => new EpochMetrics("fashion-mlp", optimizer, seed, i + 1, lr, loss, 0.5, 0.9, 0.5, 0.9, 2))]);

    private static Scatter[] Curves(Plot plot) => [.. plot.GetPlottables().OfType<Scatter>()];

    [Fact]
    public void Draw_ADivergedRun_DrawsItsFinitePartAndNamesSeedKindAndEpochInTheLegend()
    {
        RunGroup[] groups =
        [
            new("adam", 1e-3, [Run("adam", 1e-3, 1, 2.0, 1.0, 0.5)]),
            new("adamomentum", 10, [Run("adamomentum", 10, 1, 3.0, 40.0, double.NaN), Run("adamomentum", 10, 2, 3.2, double.PositiveInfinity, double.NaN)]),
        ];

        Scatter[] curves = Curves(CurvePlotter.Draw(groups, e => e.TrainLoss, out _));

        Assert.Equal(["adam (lr 0.001, n = 1)", "adamomentum (lr 10, n = 2): seed 1 NaN from epoch 3, seed 2 ∞ from epoch 2"],
                     curves.Select(c => c.LegendText));
        Assert.Equal([new Coordinates(1, 3.1)], curves[1].Data.GetScatterPoints().Select(p => new Coordinates(p.X, Math.Round(p.Y, 12))));
        Assert.Equal(3, curves[0].Data.GetScatterPoints().Count);
    }

    [Fact]
    public void Draw_NoEpochWithEveryRunFinite_SaysSoAndSpansTheEpochsInsteadOfAnEmptyDefaultFrame()
    {
        RunGroup[] groups = [new("sgdm", 100, [Run("sgdm", 100, 1, double.NaN, double.NaN, double.NegativeInfinity), Run("sgdm", 100, 2, 1, 1, 1)])];

        Plot plot = CurvePlotter.Draw(groups, e => e.TrainLoss, out _);

        Assert.Equal("sgdm (lr 100, n = 2): seed 1 NaN from epoch 1", Assert.Single(Curves(plot)).LegendText);
        Assert.Contains("No finite value to draw", Assert.Single(plot.GetPlottables().OfType<Annotation>()).Text);
        AxisLimits limits = plot.Axes.GetLimits();
        Assert.Equal((0.5, 3.5), (limits.Left, limits.Right));
    }

    [Fact]
    public void Draw_FiniteRuns_HaveNoNoteAndNoAnnotation()
    {
        Plot plot = CurvePlotter.Draw([new("adam", 1e-3, [Run("adam", 1e-3, 1, 2.0, 1.0)])], e => e.TrainLoss, out _);

        Assert.Equal("adam (lr 0.001, n = 1)", Assert.Single(Curves(plot)).LegendText);
        Assert.Empty(plot.GetPlottables().OfType<Annotation>());
    }

    [Fact]
    public void Describe_NegativeInfinity_IsNamedAsSuch()
    {
        var group = new RunGroup("yogi", 1, [Run("yogi", 1, 4, 1.0, double.NegativeInfinity)]);

        Assert.Equal("seed 4 −∞ from epoch 2", NonFiniteRuns.Describe(group, e => e.TrainLoss));
    }
}
