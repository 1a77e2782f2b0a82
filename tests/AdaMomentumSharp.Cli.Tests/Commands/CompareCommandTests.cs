using System.Text.Json;
using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Sweeps;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>`compare` end to end on a tiny generated Fashion-MNIST: outputs, resumption, determinism, tuning.</summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public CompareCommandTests() => SyntheticData.WriteFashionMnist(data.Path, trainCount: 400, testCount: 60);

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    private string[] Command(string output, params string[] extra) => CommandWithSeeds(output, 2, extra);

    private string[] CommandWithSeeds(string output, int seeds, params string[] extra) =>
    [
        "compare", "--task", "fashion-mlp", "--optimizers", "adamomentum,sgdm", "--epochs", "2", "--seeds", seeds.ToString(),
        "--batch-size", "32", "--data", data.Path, "--out", output, "--quiet", "--threads", "1", .. extra,
    ];

    [Fact]
    public void Compare_WritesEveryOutputFileWithTheRightColumns()
    {
        string output = results.File("run");

        Assert.Equal(0, CliRunner.Run(Command(output)));

        string[] lines = File.ReadAllLines(Path.Combine(output, "metrics.csv"));
        Assert.Equal("task,optimizer,seed,epoch,lr,train_loss,val_loss,val_metric,test_loss,test_metric,seconds", lines[0]);
        List<EpochMetrics> rows = CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv"));
        Assert.Equal(2 * 2 * 2, rows.Count);
        Assert.Equal(["adamomentum", "sgdm"], rows.Select(r => r.Optimizer).Distinct());
        Assert.All(rows, r => Assert.Equal("fashion-mlp", r.Task));
        Assert.Equal(0.1, rows.First(r => r.Optimizer == "sgdm").Lr);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal("accuracy", summary.RootElement.GetProperty("metric").GetString());
        Assert.Equal(2, summary.RootElement.GetProperty("optimizers").GetArrayLength());
        foreach (JsonElement optimizer in summary.RootElement.GetProperty("optimizers").EnumerateArray())
        {
            AssertSummarizes(rows.Where(r => r.Optimizer == optimizer.GetProperty("Optimizer").GetString()).ToList(), optimizer);
        }

        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("| adamomentum | 0.001 | 2 |", report);
        Assert.Contains("| sgdm | 0.1 | 2 |", report);
        foreach (string png in new[] { "train-loss.png", "val-metric.png", "test-metric.png" })
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(output, png))[..4]);
        }
        Assert.Equal(4, Directory.GetFiles(Path.Combine(output, "runs"), "*.json").Length);
        Assert.Contains("epoch 2/2", File.ReadAllText(Path.Combine(output, "run.log")));
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>
    /// The generated images are separable (a bright bar per class), so one epoch must learn them: measured, every run
    /// of both optimizers reaches accuracy 1.0 after epoch 1 and a best validation loss of at most 0.071, where an
    /// update that learned nothing stays at chance (accuracy 0.1, loss ln 10 = 2.30).
    /// </summary>
    [Fact]
    public void Compare_OneEpochOnSeparableImages_LearnsThemWithEitherOptimizer()
    {
        string output = results.File("learns");

        Assert.Equal(0, CliRunner.Run(Command(output)));

        List<EpochMetrics> rows = CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv"));
        Assert.All(rows.Where(r => r.Epoch == 1), r => Assert.True(r.ValMetric >= 0.9 && r.TestMetric >= 0.9, $"{r.Optimizer} seed {r.Seed}: {r.ValMetric}, {r.TestMetric}"));
        foreach (var run in rows.GroupBy(r => (r.Optimizer, r.Seed)))
        {
            Assert.True(run.Min(r => r.ValLoss) < 0.2, $"{run.Key}: best validation loss {run.Min(r => r.ValLoss)}");
            Assert.True(run.Single(r => r.Epoch == 2).TrainLoss < run.Single(r => r.Epoch == 1).TrainLoss, $"{run.Key}: training loss rose");
        }
    }

    [Fact]
    public void Compare_RunAgainInTheSameFolder_SkipsFinishedRunsAndKeepsTheirNumbers()
    {
        string output = results.File("resumed");
        Assert.Equal(0, CliRunner.Run(Command(output)));
        string before = File.ReadAllText(Path.Combine(output, "metrics.csv"));

        Assert.Equal(0, CliRunner.Run(Command(output)));

        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "metrics.csv")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(output, "run.log")).Count(l => l.Contains("skipped")));
    }

    [Fact]
    public void Compare_InAFolderMadeWithOtherSettings_Refuses()
    {
        string output = results.File("other");
        Assert.Equal(0, CliRunner.Run(Command(output)));

        var e = Assert.Throws<ClaimedFolderException>(() => CliRunner.Run(Command(output, "--schedule", "none")));

        Assert.Equal($"{output} holds runs made with other settings: --schedule step there, none now. " +
                     "Use another --out folder to start afresh, or resume this one with --schedule step.", e.Message);
    }

    [Theory]
    [InlineData("{data}/")]
    [InlineData("{data}//")]
    [InlineData("{data}/../{name}")]
    [InlineData("{link}")]
    public void Compare_ResumedWithAnotherSpellingOfTheDataFolder_SkipsFinishedRuns(string spelling)
    {
        string output = results.File("respelled");
        Assert.Equal(0, CliRunner.Run(Command(output)));
        string link = results.File("data-link");
        Directory.CreateSymbolicLink(link, data.Path);
        string respelled = spelling.Replace("{data}", data.Path).Replace("{name}", Path.GetFileName(data.Path)).Replace("{link}", link);

        Assert.Equal(0, CliRunner.Run([.. Command(output).Select(a => a == data.Path ? respelled : a)]));

        Assert.Equal(4, File.ReadAllLines(Path.Combine(output, "run.log")).Count(l => l.Contains("skipped")));
    }

    [Fact]
    public void Compare_SameCommandTwice_GivesTheSameNumbers()
    {
        Assert.Equal(0, CliRunner.Run(Command(results.File("a"))));
        Assert.Equal(0, CliRunner.Run(Command(results.File("b"))));

        var a = CsvFile.Read<EpochMetrics>(Path.Combine(results.File("a"), "metrics.csv")).Select(r => r with { Seconds = 0 });
        var b = CsvFile.Read<EpochMetrics>(Path.Combine(results.File("b"), "metrics.csv")).Select(r => r with { Seconds = 0 });
        Assert.Equal(a, b);
    }

    [Fact]
    public void Compare_WithLrGrid_TunesEachOptimizerOnValidationAndReportsIt()
    {
        string output = results.File("grid");

        Assert.Equal(0, CliRunner.Run(CommandWithSeeds(output, 1, "--lr-grid", "0.5,2")));

        var tuning = CsvFile.Read<TuningResult>(Path.Combine(output, TuningResult.FileName));
        Assert.Equal(4, tuning.Count);
        Assert.All(tuning.GroupBy(t => t.Optimizer), g => Assert.Single(g, t => t.Chosen));
        var chosen = tuning.Single(t => t.Optimizer == "sgdm" && t.Chosen);
        Assert.Equal(tuning.Where(t => t.Optimizer == "sgdm").Max(t => t.BestValMetric), chosen.BestValMetric);
        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains(FormattableString.Invariant($"| sgdm | {chosen.Lr:G3} | 1 |"), report.Split("## Learning rates tried")[0]);
        Assert.Contains("## Learning rates tried", report);
        // metrics.csv holds every run: both rates of both optimizers, 2 epochs each.
        Assert.Equal(4 * 2, CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv")).Count);
        Assert.True(new FileInfo(Path.Combine(output, "lr-sensitivity.png")).Length > 1000);
    }

    [Fact]
    public void Compare_Interrupted_KeepsFinishedRunsAndLeavesNothingHalfWritten()
    {
        string output = results.File("interrupted");
        var options = new ComparisonOptions(
            Experiments.Tasks.TaskRegistry.Get("fashion-mlp"), [Experiments.Optimizers.OptimizerCatalog.Get("adam"), Experiments.Optimizers.OptimizerCatalog.Get("sgdm")], 2, [1], 32,
            new Dictionary<string, double>(), [], null, data.Path, output, 1, "step");
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => new ComparisonRunner(options, new CancelOnSecondRun(cancel)).Run(cancel.Token));

        Assert.Single(Directory.GetFiles(Path.Combine(output, "runs"), "*.json"));
        Assert.Equal(["adam"], CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv")).Select(r => r.Optimizer).Distinct());
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>At lr 1e30 the weights overflow within one epoch; AdaMomentum's run is recorded like any baseline's, NaN loss and all.</summary>
    [Fact]
    public void Compare_AdaMomentumDiverging_IsRecorded_AndTheComparisonGoesOn()
    {
        string output = results.File("diverged");

        Assert.Equal(0, CliRunner.Run("compare", "--task", "fashion-mlp", "--optimizers", "adamomentum,adam", "--lr", "adamomentum=1e30",
                                      "--epochs", "1", "--batch-size", "32", "--train-limit", "128", "--data", data.Path, "--out", output, "--quiet", "--threads", "1"));

        List<EpochMetrics> rows = CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv"));
        Assert.True(double.IsNaN(rows.Single(r => r.Optimizer == "adamomentum").TrainLoss));
        Assert.True(double.IsFinite(rows.Single(r => r.Optimizer == "adam").TrainLoss));
    }

    [Fact]
    public void Compare_UnknownOptimizer_ThrowsListingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run("compare", "--optimizers", "adam,lion", "--data", data.Path, "--out", results.File("x")));

        Assert.Contains("'lion'", e.Message);
        Assert.Contains("adamomentum", e.Message);
    }

    /// <summary>summary.json's entry for one optimizer is what its metrics.csv rows give, computed here independently.</summary>
    private static void AssertSummarizes(List<EpochMetrics> rows, JsonElement summary)
    {
        var seeds = rows.GroupBy(r => r.Seed).Select(g => g.OrderBy(r => r.Epoch).ToList()).ToList();
        var best = seeds.Select(epochs => epochs.First(e => e.ValMetric == epochs.Max(x => x.ValMetric))).ToList();
        Assert.Equal(rows[0].Lr, summary.GetProperty("Lr").GetDouble());
        Assert.Equal(seeds.Count, summary.GetProperty("Seeds").GetInt32());
        Assert.Equal(best.Average(b => b.TestMetric), summary.GetProperty("TestMetricMean").GetDouble(), 1e-15);
        Assert.Equal(best.Average(b => (double)b.Epoch), summary.GetProperty("BestEpochMean").GetDouble(), 1e-15);
        Assert.Equal(seeds.Average(s => s[^1].TrainLoss), summary.GetProperty("FinalTrainLossMean").GetDouble(), 1e-15);
    }

    /// <summary>Cancels when the second run starts, as Ctrl+C during it would.</summary>
    private sealed class CancelOnSecondRun(CancellationTokenSource cancel) : NullProgress
    {
        private int runs;

        public override void RunStarted(string label, int epochs, int batchesPerEpoch)
        {
            if (++runs == 2)
            {
                cancel.Cancel();
            }
        }
    }
}
