using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Which runs a report's rows show, where they come from, and what marks a learning-rate drop.</summary>
public sealed class ComparisonResultsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static RunRecord Run(string optimizer, double lr, int seed, double bestVal, string task = "fashion-mlp") =>
        new(optimizer, lr, seed, [new EpochMetrics(task, optimizer, seed, 1, lr, 1, 1, bestVal / 2, 1, 0.5, 1),
                                  new EpochMetrics(task, optimizer, seed, 2, lr / 10, 1, 1, bestVal, 1, 0.5, 1)]);

    private ComparisonResults Load(params RunRecord[] runs)
    {
        var store = new RunStore(temp.Path);
        foreach (RunRecord run in runs)
        {
            store.Save(run);
        }
        return ComparisonResults.Load(temp.Path);
    }

    [Fact]
    public void Reported_PrefersTheRateWithMostSeeds_OverABetterSingleSeed()
    {
        var results = Load(Run("adam", 0.001, 1, 0.8), Run("adam", 0.001, 2, 0.8), Run("adam", 0.01, 1, 0.95));

        RunGroup row = Assert.Single(results.Reported(new AccuracyMetric()));

        Assert.Equal((0.001, 2), (row.Lr, row.Seeds));
        var tuning = results.Tuning(new AccuracyMetric());
        Assert.Equal([(0.001, 0.8, true), (0.01, 0.95, false)], tuning.Select(t => (t.Lr, t.BestValMetric, t.Chosen)));
    }

    [Fact]
    public void Reported_EqualSeeds_TakesTheBestValidation_LowerBeingBetterForPerplexity()
    {
        RunRecord[] runs = [Run("adam", 0.001, 1, 30, "char-lstm"), Run("adam", 0.003, 1, 20, "char-lstm"), Run("adam", 0.01, 1, 25, "char-lstm")];

        var results = Load(runs);

        Assert.Equal(0.003, Assert.Single(results.Reported(new PerplexityMetric())).Lr);
        Assert.Equal(0.001, Assert.Single(results.Reported(new AccuracyMetric())).Lr);
    }

    /// <summary>
    /// Two rates with three seeds each, as AdaMomentum's 3e-3 and 5e-3 on the 2-layer LSTM: the first seed favours one,
    /// the three seeds together the other, and the report shows the one all its seeds favour.
    /// </summary>
    [Fact]
    public void Reported_EqualSeveralSeeds_TakesTheBestValidationAveragedOverThem_NotTheFirstSeeds()
    {
        var results = Load(Run("adamomentum", 0.003, 1, 310, "ptb-lstm"), Run("adamomentum", 0.003, 2, 287, "ptb-lstm"),
                           Run("adamomentum", 0.003, 3, 268, "ptb-lstm"), Run("adamomentum", 0.005, 1, 246, "ptb-lstm"),
                           Run("adamomentum", 0.005, 2, 389, "ptb-lstm"), Run("adamomentum", 0.005, 3, 396, "ptb-lstm"));

        RunGroup row = Assert.Single(results.Reported(new PerplexityMetric()));
        Assert.Equal((0.003, 3), (row.Lr, row.Seeds));
        Assert.Equal(0.005, Assert.Single(results.Reported(new AccuracyMetric())).Lr); // higher is better: 343.7 over 288.3
        // Run() puts each run's best perplexity (its lower epoch) at half the value given.
        Assert.Equal([(0.003, 155.0, true), (0.005, 123.0, false)],
                     results.Tuning(new PerplexityMetric()).Select(t => (t.Lr, t.BestValMetric, t.Chosen)));
    }

    /// <summary>A run whose per-epoch training losses are given, its validation perplexity the same at every epoch.</summary>
    private static RunRecord Trained(double lr, double valPerplexity, params double[] trainLosses) =>
        new("sgdm", lr, 1, [.. trainLosses.Select((loss, i) => new EpochMetrics("ptb-lstm", "sgdm", 1, i + 1, lr, loss, 5, valPerplexity, 5, valPerplexity, 1))]);

    /// <summary>
    /// A language model that blew up can keep a finite perplexity (1e115 here, as SGDM at 10x reached on the fortunes
    /// words): its rising training loss marks it diverged, so it is never chosen and counts as the worst rate.
    /// </summary>
    [Fact]
    public void Tuning_ARunWhoseTrainingLossRose_IsDiverged_WhateverItsFinitePerplexity()
    {
        var results = Load(Trained(3, 178, 6.0, 5.3), Trained(30, 420, 9.0, 6.3), Trained(300, 1e115, 334.0, 349.6));

        var tuning = results.Tuning(new PerplexityMetric());

        Assert.Equal([(3.0, false), (30.0, false), (300.0, true)], tuning.Select(t => (t.Lr, t.Diverged())));
        Assert.Equal(double.PositiveInfinity, tuning[2].BestValMetric);
        Assert.Equal(3, Assert.Single(results.Reported(new PerplexityMetric())).Lr);
    }

    /// <summary>
    /// The sensitivity plot's axis for perplexity stops at 5x the best value, so that SGDM's 210,633 at one rate does
    /// not flatten everyone's 170-580; accuracy, bounded, shows everything.
    /// </summary>
    [Fact]
    public void SensitivityCeiling_IsFiveTimesTheBestPerplexity_AndNoneForAccuracy()
    {
        TuningResult[] tuning = [new("adam", 0.03, 172.0, 166.5, true), new("sgdm", 90, 210_633, 239_287, false),
                                 new("sgdm", 300, double.PositiveInfinity, 1e115, false)];

        Assert.Equal(860.0, SensitivityPlotter.Ceiling(tuning, new PerplexityMetric()), 12);
        Assert.Equal(double.PositiveInfinity, SensitivityPlotter.Ceiling(tuning, new AccuracyMetric()));
    }

    [Theory]
    [InlineData(new[] { 6.0, 5.0, 5.5 }, false)] // rose within the run, ended below the start
    [InlineData(new[] { 6.0, 6.0 }, false)]      // did not move: not diverged
    [InlineData(new[] { 6.0, 6.0000001 }, true)]
    [InlineData(new[] { 6.0, double.NaN, 5.0 }, true)]
    [InlineData(new[] { double.PositiveInfinity }, true)]
    public void Diverged_IsANonFiniteLossOrALastEpochAboveTheFirst(double[] losses, bool diverged) =>
        Assert.Equal(diverged, new PerplexityMetric().Diverged(losses));

    /// <summary>A GAN's adversarial losses may rise while it trains well: only a non-finite one is divergence.</summary>
    [Fact]
    public void Diverged_ForFid_OnlyANonFiniteLoss()
    {
        var fid = new FidMetric("Fashion-MNIST");

        Assert.False(fid.Diverged([0.7, 1.4]));
        Assert.True(fid.Diverged([0.7, double.NaN]));
    }

    [Fact]
    public void Load_OrdersOptimizersAsTheCatalogue_AndOneRateEachHasNoTuning()
    {
        var results = Load(Run("adam", 0.001, 1, 0.8), Run("sgdm", 0.1, 1, 0.8), Run("adamomentum", 0.001, 1, 0.8));

        Assert.Equal(["adamomentum", "sgdm", "adam"], results.Groups.Select(g => g.Optimizer));
        Assert.Empty(results.Tuning(new AccuracyMetric()));
    }

    [Fact]
    public void Load_WithoutRuns_SplitsMetricsCsvIntoRuns_EachAtItsFirstEpochsRate()
    {
        RunRecord[] runs = [Run("sgdm", 0.1, 1, 0.8), Run("sgdm", 0.3, 1, 0.7), Run("sgdm", 0.1, 2, 0.9)];
        CsvFile.Write(temp.File("metrics.csv"), runs.SelectMany(r => r.Epochs));

        var results = ComparisonResults.Load(temp.Path);

        Assert.False(results.FromRunsFolder);
        Assert.Equal([(0.1, 1), (0.1, 2), (0.3, 1)], results.Runs.Select(r => (r.Lr, r.Seed)));
        Assert.All(results.Runs, r => Assert.Equal([1, 2], r.Epochs.Select(e => e.Epoch)));
        Assert.Equal(0.1, Assert.Single(results.Reported(new AccuracyMetric())).Lr);
    }

    [Fact]
    public void LearningRateDrops_FindsEachEpochTrainedAtALowerRate()
    {
        double[] rates = [1, 1, 0.1, 0.1, 0.01];
        var epochs = rates.Select((lr, i) => new EpochMetrics("t", "adam", 1, i + 1, lr, 0, 0, 0, 0, 0, 0)).ToList();

        var drops = LearningRateDrops.In(epochs);

        Assert.Equal([3, 5], drops.Select(d => d.Epoch));
        Assert.All(drops, d => Assert.Equal(0.1, d.Factor, 1e-15));
        Assert.Equal("Dashed lines mark where the learning rate dropped: ×0.1 from epoch 3, ×0.1 from epoch 5.", LearningRateDrops.Describe(epochs));
    }

    [Fact]
    public void LearningRateDrops_ConstantOrAnnealedEveryEpoch_IsSaidInWords()
    {
        static List<EpochMetrics> Epochs(params double[] rates) =>
            [.. rates.Select((lr, i) => new EpochMetrics("t", "adam", 1, i + 1, lr, 0, 0, 0, 0, 0, 0))];

        Assert.Equal("The learning rate stayed constant.", LearningRateDrops.Describe(Epochs(1, 1, 1)));
        Assert.Equal("The learning rate was annealed every epoch.", LearningRateDrops.Describe(Epochs(1, 0.9, 0.7, 0.5, 0.3, 0.1)));
    }
}
