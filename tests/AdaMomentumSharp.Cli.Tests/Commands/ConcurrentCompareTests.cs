using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// Two `compare` processes started together into one new results folder: one claims it, and the other neither mixes
/// its runs in nor trains a run the first is training.
/// </summary>
public sealed class ConcurrentCompareTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public ConcurrentCompareTests() => SyntheticData.WriteFashionMnist(data.Path, trainCount: 300, testCount: 40);

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    private Task<(int ExitCode, string Output, string Errors)> Compare(string output, int epochs) => CliProcess.RunAsync(
    [
        "compare", "--task", "fashion-mlp", "--optimizers", "adam", "--epochs", epochs.ToString(), "--batch-size", "32",
        "--data", data.Path, "--out", output, "--quiet", "--threads", "1",
    ]);

    [Fact]
    public async Task OtherSettingsAtOnce_OneWins_TheOtherEndsNamingTheDifference_AndTheFolderHoldsTheWinnersRuns()
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            string output = results.File($"race-{attempt}");
            var started = new[] { Compare(output, epochs: 1), Compare(output, epochs: 2) };
            var ends = await Task.WhenAll(started);

            Assert.Equal([0, 2], ends.Select(e => e.ExitCode).Order());
            int winner = Array.FindIndex(ends, e => e.ExitCode == 0), epochs = winner + 1;
            string line = Assert.Single(ends[1 - winner].Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: {output} holds runs made with other settings: --epochs {epochs} there, {2 - winner} now.", line);
            Assert.Equal(epochs, ResultsJson.Read<ExperimentSettings>(Path.Combine(output, "experiment.json")).Epochs);
            string run = Assert.Single(Directory.GetFiles(Path.Combine(output, "runs")));
            Assert.Equal(epochs, ResultsJson.Read<RunRecord>(run).Epochs.Count);
            Assert.Equal(epochs, CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv")).Count);
            Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
        }
    }

    [Fact]
    public async Task SameSettingsAtOnce_TrainTheRunOnce()
    {
        const int Epochs = 30;
        string output = results.File("same");
        var ends = await Task.WhenAll(Compare(output, Epochs), Compare(output, Epochs));

        Assert.Equal(1, ends.Count(e => e.Output.Contains($"epoch 1/{Epochs}")));
        Assert.Contains(ends, e => e.ExitCode == 0);
        foreach (var refused in ends.Where(e => e.ExitCode != 0))
        {
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains($"error: Run adam-lr0.001-seed1 of {output} is being trained by process ", refused.Errors);
        }
        string run = Assert.Single(Directory.GetFiles(Path.Combine(output, "runs")));
        Assert.Equal(Epochs, ResultsJson.Read<RunRecord>(run).Epochs.Count);
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "checkpoints"), "*", SearchOption.AllDirectories));
    }
}
