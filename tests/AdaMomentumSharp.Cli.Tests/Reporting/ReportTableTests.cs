using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>The report's table: n per row, no spread for one seed, whole numbers as whole numbers, honest time.</summary>
public sealed class ReportTableTests
{
    private static readonly AccuracyMetric Accuracy = new();

    private static RunRecord Run(string optimizer, double lr, int seed, params (double Val, double Test)[] epochs) =>
        new(optimizer, lr, seed, [.. epochs.Select((e, i) =>
            new EpochMetrics("fashion-mlp", optimizer, seed, i + 1, lr, 1.0 / (i + 1) + seed / 100.0, 0.5, e.Val, 0.5, e.Test, 2 + i))]);

    [Fact]
    public void Row_OneSeed_ShowsNOneNoSpreadAndWholeEpochs()
    {
        var group = new RunGroup("adam", 0.001, [Run("adam", 0.001, 1, (0.85, 0.84), (0.91, 0.9), (0.92, 0.915))]);

        string row = ReportTable.Row(OptimizerSummary.From(group, Accuracy), Accuracy);

        // test at the best validation epoch (3), loss of the last epoch (1/3 + 0.01), median of 2, 3, 4 s, first epoch ≥ 90 %: 2.
        Assert.Equal("| adam | 0.001 | 1 | 91.50 | 3 | 0.3433 | 3.00 | 2 (1/1) |", row);
        Assert.DoesNotContain("±", row);
    }

    [Fact]
    public void Row_ThreeSeeds_ShowsTheSampleSpreadAndAFractionalMeanEpoch()
    {
        var group = new RunGroup("adam", 0.001,
        [
            Run("adam", 0.001, 1, (0.9, 0.90), (0.8, 0.80)),
            Run("adam", 0.001, 2, (0.8, 0.80), (0.9, 0.92)),
            Run("adam", 0.001, 3, (0.8, 0.80), (0.9, 0.94)),
        ]);

        string row = ReportTable.Row(OptimizerSummary.From(group, Accuracy), Accuracy);

        // Tests 0.90, 0.92, 0.94: mean 92.00 %, sample sd 2.00 %; best epochs 1, 2, 2: mean 1.7; final losses 0.51, 0.52, 0.53.
        Assert.Equal("| adam | 0.001 | 3 | 92.00 ± 2.00 | 1.7 | 0.5200 ± 0.0100 | 2.50 | 1.7 (3/3) |", row);
    }

    [Fact]
    public void Row_NoSeedReachesTheTarget_SaysNever()
    {
        var group = new RunGroup("sgdm", 0.1, [Run("sgdm", 0.1, 1, (0.5, 0.5))]);

        Assert.EndsWith("| never |", ReportTable.Row(OptimizerSummary.From(group, Accuracy), Accuracy));
    }

    [Theory]
    [InlineData(10.0, "10")]
    [InlineData(3.0, "3")]
    [InlineData(29.0 / 3, "9.7")]
    [InlineData(9.96, "9.96")]
    [InlineData(10.5, "10.5")]
    public void Count_PrintsWholeNumbersWithoutDecimals(double value, string expected) => Assert.Equal(expected, ReportTable.Count(value));

    [Fact]
    public void Optimizers_LabelsTimeAsWallClockIncludingMachineLoad()
    {
        var group = new RunGroup("adam", 0.001, [Run("adam", 0.001, 1, (0.9, 0.9))]);

        string table = ReportTable.Optimizers([OptimizerSummary.From(group, Accuracy)], Accuracy);

        Assert.Contains("| wall s / epoch ¹ |", table.Split('\n')[0]);
        Assert.Contains("¹ Median wall-clock seconds", table);
        Assert.Contains("machine load rather than optimizer cost", table);
    }

    [Fact]
    public void Optimizers_PerplexityTask_HasNoTargetColumnAndDerivesBitsPerChar()
    {
        var metric = new PerplexityMetric();
        var run = new RunRecord("adam", 0.001, 1, [new EpochMetrics("char-lstm", "adam", 1, 1, 0.001, 2, 2, 5, 2, 4, 1)]);

        string table = ReportTable.Optimizers([OptimizerSummary.From(new RunGroup("adam", 0.001, [run]), metric)], metric);

        Assert.StartsWith("| optimizer | lr | n | test perplexity | best epoch | final training loss | wall s / epoch ¹ | test bits/char |", table);
        Assert.Contains("| adam | 0.001 | 1 | 4.000 | 1 | 2.0000 | 1.00 | 2.000 |", table);
    }

    [Fact]
    public void Tuning_ADivergedRate_SaysSo_InsteadOfItsScore()
    {
        var metric = new PerplexityMetric();
        TuningResult[] tuning = [new("sgdm", 3, 177.5, 171.7, true), new("sgdm", 300, double.PositiveInfinity, 1.6e115, false)];

        string table = ReportTable.Tuning(tuning, [], metric);

        Assert.Contains("| sgdm | 3 | 1 | 177.500 | 171.700 | ✔ |", table);
        Assert.Contains("| sgdm | 300 | 1 | diverged | – |  |", table);
    }

    [Fact]
    public void Accuracy_IsShownInPercentOnPlotsAsInTheTable()
    {
        Assert.Equal(91.5, Accuracy.Displayed(0.915), 12);
        Assert.Equal("91.50", Accuracy.Format(0.915));
        Assert.Equal(" (%)", Accuracy.Unit);
        Assert.Equal(4.5, new PerplexityMetric().Displayed(4.5));
    }

    [Fact]
    public void TrainingLossLabel_NamesLabelSmoothingWhereTheRecipeUsesIt()
    {
        Assert.Equal("training loss (with label smoothing 0.1)", ReportPlots.TrainingLossLabel(TaskRegistry.Get("fashion-mlp")));
        Assert.Equal("training loss", ReportPlots.TrainingLossLabel(TaskRegistry.Get("char-lstm")));
    }

    /// <summary>
    /// Seeds 1–3 where AdaMomentum leads by 1, 2 and 3 points and a seed 4 only adam ran: three pairs, advantage
    /// 2.00 ± 1.00 %, Wilcoxon 1/8, paired t on 2 degrees of freedom at t = 2√3: ½ − t / (2√(2 + t²)) = 0.037.
    /// </summary>
    [Fact]
    public void Significance_PairsSharedSeeds_AndTestsAdaMomentumsAdvantage()
    {
        var ours = new RunGroup("adamomentum", 0.001, [Run("adamomentum", 0.001, 1, (0.9, 0.91)), Run("adamomentum", 0.001, 2, (0.9, 0.92)), Run("adamomentum", 0.001, 3, (0.9, 0.93))]);
        var adam = new RunGroup("adam", 0.001, [Run("adam", 0.001, 1, (0.9, 0.90)), Run("adam", 0.001, 2, (0.9, 0.90)), Run("adam", 0.001, 3, (0.9, 0.90)), Run("adam", 0.001, 4, (0.9, 0.99))]);

        string? row = SignificanceTable.Row(ours, adam, SignificanceTable.Generalization(Accuracy));

        // The other direction: no positive rank at all (Wilcoxon 1) and the t tail's complement, 1 − 0.037.
        Assert.Equal("| adam | 3 | 92.00 ± 1.00 | 90.00 ± 0.00 | 2.00 ± 1.00 | 0.125 / 0.037 | 1.000 / 0.963 |", row);
        Assert.Contains(row!, SignificanceTable.Markdown([ours, adam], Accuracy));
        Assert.Equal("", SignificanceTable.Markdown([adam], Accuracy));
    }

    /// <summary>
    /// Mean training losses 0.5, 0.4, 0.6 against 0.55, 0.5, 0.65 (each the average of two epochs): AdaMomentum ahead by
    /// 0.05, 0.10, 0.05, so Wilcoxon 1/8 and paired t = 4 on 2 degrees of freedom: ½ − 4 / (2√18) = 0.029.
    /// </summary>
    [Fact]
    public void TrainingSpeed_PairsTheMeanTrainingLossOverEpochs_LowerIsBetter()
    {
        static RunRecord Losses(string optimizer, int seed, double mean) => new(optimizer, 0.001, seed,
            [.. new[] { mean + 0.2, mean - 0.2 }.Select((loss, i) => new EpochMetrics("fashion-mlp", optimizer, seed, i + 1, 0.001, loss, 0.5, 0.9, 0.5, 0.9, 2))]);
        var ours = new RunGroup("adamomentum", 0.001, [Losses("adamomentum", 1, 0.5), Losses("adamomentum", 2, 0.4), Losses("adamomentum", 3, 0.6)]);
        var adam = new RunGroup("adam", 0.001, [Losses("adam", 1, 0.55), Losses("adam", 2, 0.5), Losses("adam", 3, 0.65)]);

        string? row = SignificanceTable.Row(ours, adam, SignificanceTable.TrainingSpeed);

        Assert.Equal("| adam | 3 | 0.5000 ± 0.1000 | 0.5667 ± 0.0764 | 0.0667 ± 0.0289 | 0.125 / 0.029 | 1.000 / 0.971 |", row);
        Assert.Contains("training speed", SignificanceTable.Markdown([ours, adam], Accuracy));
        Assert.DoesNotContain("training speed", SignificanceTable.Markdown([ours, adam], Accuracy, includeTrainingSpeed: false));
    }

    /// <summary>One run per validation value, at each multiple of the default rate, on one seed.</summary>
    private static IEnumerable<RunRecord> Rates(string optimizer, double defaultLr, double[] multiples, double[] val, int seed = 1) =>
        multiples.Select((m, i) => Run(optimizer, m * defaultLr, seed, (val[i], val[i])));

    private static List<RunGroup> Grouped(IEnumerable<RunRecord> runs) =>
        [.. runs.GroupBy(r => (r.Optimizer, r.Lr)).Select(g => new RunGroup(g.Key.Optimizer, g.Key.Lr, [.. g.OrderBy(r => r.Seed)]))];

    /// <summary>
    /// Regrets at 0.1×…10×: AdaMomentum 10, 2, 0, 1, 5 points, Adam 20, 5, 1, 0, 30; Adam minus AdaMomentum 10, 3, 1, −1,
    /// 25. Ranks 4, 3, 1.5, 1.5, 5: only 3 of the 32 sign patterns put 1.5 or less on the negative side, p = 0.094.
    /// </summary>
    [Fact]
    public void Stability_PairsRegretsByMultipleOfTheDefaultRate()
    {
        double[] multiples = [0.1, 0.3, 1, 3, 10];
        var recipe = TaskRegistry.Get("fashion-cnn").Recipe;
        List<RunGroup> groups = Grouped(
        [
            .. Rates("adamomentum", 1e-3, multiples, [0.80, 0.88, 0.90, 0.89, 0.85]),
            .. Rates("adam", 1e-3, multiples, [0.70, 0.85, 0.89, 0.90, 0.60]),
            .. Rates("sgdm", 0.1, [1, 3], [0.5, double.NaN]),
        ]);

        string md = StabilityTable.Markdown(groups, recipe, Accuracy);

        Assert.Contains("| adam | 0.1×, 0.3×, 1×, 3×, 10× | 1 | 3.60 | 11.20 | 7.60 | 0.094 / ", md);
        // SGDM diverged at 3× its default, where AdaMomentum lost 1 point: the largest rank, on AdaMomentum's side.
        Assert.Contains("| sgdm | 1×, 3× | 1 | 0.50 | ∞ | – | 0.500 / – | 1.000 / – |", md);
        Assert.Equal("", StabilityTable.Markdown(Grouped(Rates("adam", 1e-3, multiples, [0.7, 0.8, 0.9, 0.8, 0.7])), recipe, Accuracy));
    }

    /// <summary>
    /// Seed 1 pairs 1×, 3×, 10×. Seed 2 has both at all three; seed 3 lacks Adam at 3×, so it is left out. AdaMomentum's
    /// regrets are 0, 2, 4 on seed 1 and 0, 4, 8 on seed 2 (its best, 1×, holds on both): 0, 3, 6. Adam's best is 3× on
    /// seed 1 (regrets 5, 0, 10) and 1× on seed 2 (0, 1, 20), so its own best is judged per seed: 2.5, 0.5, 15.
    /// AdaMomentum's extra rate 30× (seed 1 only) is not paired, and not counted as a best over seeds 1 and 2.
    /// </summary>
    [Fact]
    public void Stability_AveragesEachMultiplesRegretOverTheSeedsWhereBothRanEveryPairedMultiple()
    {
        double[] multiples = [1, 3, 10];
        var recipe = TaskRegistry.Get("fashion-cnn").Recipe;
        List<RunGroup> groups = Grouped(
        [
            .. Rates("adamomentum", 1e-3, [1, 3, 10, 30], [0.90, 0.88, 0.86, 0.95]),
            .. Rates("adamomentum", 1e-3, multiples, [0.90, 0.86, 0.82], seed: 2),
            .. Rates("adamomentum", 1e-3, multiples, [0.50, 0.50, 0.50], seed: 3),
            .. Rates("adam", 1e-3, multiples, [0.85, 0.90, 0.80]),
            .. Rates("adam", 1e-3, multiples, [0.90, 0.89, 0.70], seed: 2),
            .. Rates("adam", 1e-3, [1, 10], [0.10, 0.10], seed: 3),
        ]);
        var scores = groups.GroupBy(g => g.Optimizer).ToDictionary(g => g.Key,
            g => StabilityTable.Scores(g.Key, g.SelectMany(rate => rate.Runs), recipe, Accuracy));

        StabilityTable.PairedRegrets paired = StabilityTable.Pair(scores["adamomentum"], scores["adam"], Accuracy)!;

        Assert.Equal(new double[] { 1, 3, 10 }, paired.Multiples);
        Assert.Equal(new[] { 1, 2 }, paired.Seeds);
        Assert.Equal(new[] { 0, 0.03, 0.06 }, paired.Ours.Select(r => Math.Round(r, 12)));
        Assert.Equal(new[] { 0.025, 0.005, 0.15 }, paired.Theirs.Select(r => Math.Round(r, 12)));
        Assert.Contains("| adam | 1×, 3×, 10× | 1, 2 | 3.00 | 6.00 | 3.00 |", StabilityTable.Markdown(groups, recipe, Accuracy));
    }

    /// <summary>Two rates that round to the same multiple (1× and 1.0001×) are one rate, by the better run, not a crash.</summary>
    [Fact]
    public void Stability_RatesRoundingToTheSameMultiple_CountAsOneByTheBetterRun()
    {
        var recipe = TaskRegistry.Get("fashion-cnn").Recipe;
        List<RunGroup> groups = Grouped(
        [
            .. Rates("adamomentum", 1e-3, [1, 1.0001, 3], [0.80, 0.85, 0.90]),
            .. Rates("adam", 1e-3, [1, 3], [0.80, 0.90]),
        ]);

        var scores = StabilityTable.Scores("adamomentum", groups.Where(g => g.Optimizer == "adamomentum").SelectMany(g => g.Runs), recipe, Accuracy);

        Assert.Equal(0.85, scores[(1, 1)]);
        Assert.Contains("| adam | 1×, 3× | 1 | 2.50 | 5.00 | 2.50 |", StabilityTable.Markdown(groups, recipe, Accuracy));
    }
}
