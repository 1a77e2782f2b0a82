using System.Text.Json;
using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// A results folder filled by several `compare` commands: metrics.csv, summary.json and report.md cover every finished
/// run, and `report` rebuilds all of them from runs/.
/// </summary>
public sealed class ResultsFolderTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public ResultsFolderTests() => SyntheticData.WriteFashionMnist(data.Path, trainCount: 300, testCount: 40);

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    private int Compare(string output, string optimizers, params string[] extra) => CliRunner.Run(
    [
        "compare", "--task", "fashion-mlp", "--optimizers", optimizers, "--epochs", "2", "--batch-size", "32",
        "--data", data.Path, "--out", output, "--quiet", "--threads", "1", .. extra,
    ]);

    private static string Read(string folder, string file) => File.ReadAllText(Path.Combine(folder, file));

    [Fact]
    public void TwoCommandsWithOtherOptimizers_EveryFileCoversBoth_AndReportRebuildsThemFromRuns()
    {
        string output = results.File("two");
        Assert.Equal(0, Compare(output, "adamomentum,adam", "--seeds", "2"));
        Assert.Equal(0, Compare(output, "sgdm"));

        var rows = CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv"));
        Assert.Equal(["adamomentum", "sgdm", "adam"], rows.Select(r => r.Optimizer).Distinct());
        Assert.Equal((2 + 2 + 1) * 2, rows.Count);
        using (var summary = JsonDocument.Parse(Read(output, "summary.json")))
        {
            Assert.Equal(["adamomentum", "sgdm", "adam"],
                summary.RootElement.GetProperty("optimizers").EnumerateArray().Select(o => o.GetProperty("Optimizer").GetString()));
        }
        string report = Read(output, "report.md");
        Assert.Contains("| adamomentum | 0.001 | 2 |", report);
        Assert.Contains("| adam | 0.001 | 2 |", report);
        Assert.Contains("| sgdm | 0.1 | 1 |", report);
        Assert.Contains("5 finished run(s) of 2 epoch(s). ", report);
        Assert.Contains("The learning rate stayed constant.", report);

        string metrics = Read(output, "metrics.csv"), summaryJson = Read(output, "summary.json");
        foreach (string file in new[] { "metrics.csv", "summary.json", "report.md", "train-loss.png", "val-metric.png" })
        {
            File.Delete(Path.Combine(output, file));
        }

        Assert.Equal(0, CliRunner.Run("report", output));

        Assert.Equal(metrics, Read(output, "metrics.csv"));
        Assert.Equal(summaryJson, Read(output, "summary.json"));
        Assert.Equal(report, Read(output, "report.md"));
        Assert.True(new FileInfo(Path.Combine(output, "val-metric.png")).Length > 1000);
    }

    /// <summary>
    /// sgdm at two rates with one seed each: the table shows the one whose first-seed best validation accuracy is
    /// higher (computed here from its run file), and the other is listed, unticked, under the rates tried.
    /// </summary>
    [Fact]
    public void OneOptimizerAtTwoRates_TableShowsTheBetterValidated_AndListsBoth()
    {
        string output = results.File("rates");
        Assert.Equal(0, Compare(output, "sgdm", "--lr", "sgdm=0.05"));
        Assert.Equal(0, Compare(output, "sgdm", "--lr", "sgdm=0.2"));

        var runs = Directory.GetFiles(Path.Combine(output, "runs"), "*.json").Select(path => ResultsJson.Read<RunRecord>(path)).ToList();
        RunRecord better = runs.MaxBy(r => r.Epochs.Max(e => e.ValMetric))!;
        RunRecord other = runs.Single(r => r != better);
        string report = Read(output, "report.md");
        string[] parts = report.Split("## Learning rates tried");
        Assert.Equal(2, parts.Length);
        Assert.Contains(FormattableString.Invariant($"| sgdm | {better.Lr:G3} | 1 |"), parts[0]);
        Assert.DoesNotContain(FormattableString.Invariant($"| sgdm | {other.Lr:G3} |"), parts[0]);
        Assert.Contains(FormattableString.Invariant($"| sgdm | {better.Lr:G3} | 1 | "), parts[1]);
        Assert.Matches(FormattableString.Invariant($@"\| sgdm \| {other.Lr:G3} \| 1 \| [0-9.]+ \| [0-9.]+ \|  \|"), parts[1]);
        var tuning = CsvFile.Read<TuningResult>(Path.Combine(output, TuningResult.FileName));
        Assert.Equal([(other.Lr, false), (better.Lr, true)], tuning.OrderBy(t => t.Lr == better.Lr).Select(t => (t.Lr, t.Chosen)));
        Assert.Equal(4, CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv")).Count);
    }

    [Fact]
    public void PublishedCopyWithoutRuns_ReportRebuildsFromItsMetricsCsv()
    {
        string output = results.File("source");
        Assert.Equal(0, Compare(output, "adamomentum,sgdm"));
        string copy = results.File("published");
        Directory.CreateDirectory(copy);
        File.Copy(Path.Combine(output, "metrics.csv"), Path.Combine(copy, "metrics.csv"));

        Assert.Equal(0, CliRunner.Run("report", copy));

        // metrics.csv holds neither the protocol (experiment.json) nor each run's eps and weight decay (runs/): that line is all the copy lacks.
        string original = Read(output, "report.md");
        string settingsLine = original.Split('\n').Single(line => line.StartsWith("Protocol: tuned", StringComparison.Ordinal)
                                                               && line.Contains("Each optimizer's eps and weight decay", StringComparison.Ordinal)) + "\n";
        Assert.Equal(original.Replace("epoch(s). ", "epoch(s) in metrics.csv (this copy holds no runs/). ").Replace(settingsLine, ""), Read(copy, "report.md"));
        Assert.False(Directory.Exists(Path.Combine(copy, "runs")));
    }

    [Fact]
    public void Report_OnAFolderWithoutRuns_NamesWhatIsMissing()
    {
        string empty = results.File("empty");
        Directory.CreateDirectory(empty);

        var e = Assert.Throws<FileNotFoundException>(() => CliRunner.Run("report", empty));

        Assert.Contains("no finished runs (runs/*.json) and no metrics.csv", e.Message);
    }
}
