using System.Text.Json;
using AdaMomentumSharp.Cli.Experiments;

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
        Assert.All(rows, r => Assert.InRange(r.ValMetric, 0, 1));
        Assert.Equal(0.1, rows.First(r => r.Optimizer == "sgdm").Lr);

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal("accuracy", summary.RootElement.GetProperty("metric").GetString());
        Assert.Equal(2, summary.RootElement.GetProperty("optimizers").GetArrayLength());

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

    [Fact]
    public void Compare_RunAgainInTheSameFolder_SkipsFinishedRunsAndKeepsTheirNumbers()
    {
        string output = results.File("resumed");
        CliRunner.Run(Command(output));
        string before = File.ReadAllText(Path.Combine(output, "metrics.csv"));

        CliRunner.Run(Command(output));

        Assert.Equal(before, File.ReadAllText(Path.Combine(output, "metrics.csv")));
        Assert.Equal(4, File.ReadAllLines(Path.Combine(output, "run.log")).Count(l => l.Contains("skipped")));
    }

    [Fact]
    public void Compare_InAFolderMadeWithOtherSettings_Refuses()
    {
        string output = results.File("other");
        CliRunner.Run(Command(output));

        var e = Assert.Throws<InvalidOperationException>(() => CliRunner.Run(Command(output, "--schedule", "none")));

        Assert.Contains("other settings", e.Message);
    }

    [Fact]
    public void Compare_SameCommandTwice_GivesTheSameNumbers()
    {
        CliRunner.Run(Command(results.File("a")));
        CliRunner.Run(Command(results.File("b")));

        var a = CsvFile.Read<EpochMetrics>(Path.Combine(results.File("a"), "metrics.csv")).Select(r => r with { Seconds = 0 });
        var b = CsvFile.Read<EpochMetrics>(Path.Combine(results.File("b"), "metrics.csv")).Select(r => r with { Seconds = 0 });
        Assert.Equal(a, b);
    }

    [Fact]
    public void Compare_WithLrGrid_TunesEachOptimizerOnValidationAndReportsIt()
    {
        string output = results.File("grid");

        CliRunner.Run(CommandWithSeeds(output, 1, "--lr-grid", "0.5,2"));

        var tuning = CsvFile.Read<TuningResult>(Path.Combine(output, TuningResult.FileName));
        Assert.Equal(4, tuning.Count);
        Assert.All(tuning.GroupBy(t => t.Optimizer), g => Assert.Single(g, t => t.Chosen));
        var chosen = tuning.Single(t => t.Optimizer == "sgdm" && t.Chosen);
        Assert.Equal(tuning.Where(t => t.Optimizer == "sgdm").Max(t => t.BestValMetric), chosen.BestValMetric);
        Assert.Equal(chosen.Lr, CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv")).First(r => r.Optimizer == "sgdm").Lr);
        Assert.Contains("Learning-rate tuning", File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.True(new FileInfo(Path.Combine(output, "lr-sensitivity.png")).Length > 1000);
    }

    [Fact]
    public void Compare_Interrupted_KeepsFinishedRunsAndLeavesNothingHalfWritten()
    {
        string output = results.File("interrupted");
        var options = new ComparisonOptions(
            Tasks.TaskRegistry.Get("fashion-mlp"), [Optimizers.OptimizerCatalog.Get("adam"), Optimizers.OptimizerCatalog.Get("sgdm")], 2, [1], 32,
            new Dictionary<string, double>(), [], null, data.Path, output, 1, "step");
        using var cancel = new CancellationTokenSource();

        Assert.ThrowsAny<OperationCanceledException>(() => new ComparisonRunner(options, new CancelOnSecondRun(cancel)).Run(cancel.Token));

        Assert.Single(Directory.GetFiles(Path.Combine(output, "runs"), "*.json"));
        Assert.Equal(["adam"], CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv")).Select(r => r.Optimizer).Distinct());
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Report_RebuildsTheReportFromMetrics()
    {
        string output = results.File("report");
        CliRunner.Run(Command(output));
        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        File.Delete(Path.Combine(output, "report.md"));
        File.Delete(Path.Combine(output, "train-loss.png"));

        Assert.Equal(0, CliRunner.Run("report", output));

        Assert.Equal(report, File.ReadAllText(Path.Combine(output, "report.md")));
        Assert.True(File.Exists(Path.Combine(output, "train-loss.png")));
    }

    [Fact]
    public void Compare_UnknownOptimizer_ThrowsListingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run("compare", "--optimizers", "adam,lion", "--data", data.Path, "--out", results.File("x")));

        Assert.Contains("'lion'", e.Message);
        Assert.Contains("adamomentum", e.Message);
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
