using AdaMomentumSharp.Cli.Experiments;
using AdaMomentumSharp.Cli.Reporting;
using AdaMomentumSharp.Cli.Tasks;

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
