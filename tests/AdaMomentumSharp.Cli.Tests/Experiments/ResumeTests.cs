using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text.Json;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// A run interrupted between epochs resumes from its checkpoint and finishes with the numbers, weights and optimizer
/// state of a run never interrupted; a corrupt checkpoint falls back to the one before; finished runs keep none.
/// </summary>
public sealed class ResumeTests : IDisposable
{
    private const int Epochs = 3;
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public ResumeTests()
    {
        SyntheticData.WriteFashionMnist(data.Path, trainCount: 400, testCount: 60);
        SyntheticData.WriteFortunes(data.Path);
    }

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    /// <summary>One of each checkpoint path: this library's, a hand-written baseline's and TorchSharp's own.</summary>
    public static TheoryData<string> Optimizers => new("adamomentum", "adabelief", "adam");

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Interrupted_AfterEpochOne_ResumesToTheUninterruptedNumbers(string optimizer)
    {
        var (expected, expectedState) = TrainUninterrupted(optimizer);
        string folder = results.File("interrupted");

        Assert.Throws<OperationCanceledException>(() => Train(optimizer, folder, stopAfterEpoch: 1));
        var progress = new RecordingProgress();
        RunRecord resumed = Train(optimizer, folder, progress: progress);

        Assert.Contains(progress.Messages, m => m.Contains("resuming after epoch 1"));
        AssertSameNumbers(expected, resumed);
        Assert.Equal(expectedState, FinalState(folder));
    }

    /// <summary>char-transformer's dropout draws from torch's generator, so this one needs its state restored too.</summary>
    [Fact]
    public void Interrupted_TaskWithDropout_ResumesToTheUninterruptedNumbers()
    {
        var (expected, expectedState) = TrainUninterrupted("adamomentum", "char-transformer");
        string folder = results.File("dropout");

        Assert.Throws<OperationCanceledException>(() => Train("adamomentum", folder, stopAfterEpoch: 1, taskName: "char-transformer"));
        RunRecord resumed = Train("adamomentum", folder, taskName: "char-transformer");

        AssertSameNumbers(expected, resumed);
        Assert.Equal(expectedState, FinalState(folder));
    }

    /// <summary>A GAN draws its latent vectors from torch's generator and has two networks and two optimizers to restore.</summary>
    [Fact]
    public void Interrupted_Gan_ResumesToTheUninterruptedNumbers()
    {
        var (expected, expectedState) = TrainUninterrupted("adamomentum", "fashion-dcgan");
        string folder = results.File("gan");

        Assert.Throws<OperationCanceledException>(() => Train("adamomentum", folder, stopAfterEpoch: 1, taskName: "fashion-dcgan"));
        RunRecord resumed = Train("adamomentum", folder, taskName: "fashion-dcgan");

        AssertSameNumbers(expected, resumed);
        Assert.Equal(expectedState, FinalState(folder));
        Assert.Equal(["discriminator-optimizer.bin", "discriminator.bin", "generator-optimizer.bin", "generator.bin", "torch-rng.bin"],
                     expectedState.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CorruptLatestCheckpoint_IsReported_AndTheRunFallsBackToTheOneBefore()
    {
        var (expected, expectedState) = TrainUninterrupted("adamomentum");
        string folder = results.File("corrupt");
        Assert.Throws<OperationCanceledException>(() => Train("adamomentum", folder, stopAfterEpoch: 2));
        CorruptLatestOptimizerState(folder);

        var progress = new RecordingProgress();
        RunRecord resumed = Train("adamomentum", folder, progress: progress);

        Assert.Contains(progress.Messages, m => m.Contains("epoch 2") && m.Contains("corrupt") && m.Contains("optimizer.bin"));
        Assert.Contains(progress.Messages, m => m.Contains("resuming after epoch 1"));
        AssertSameNumbers(expected, resumed);
        Assert.Equal(expectedState, FinalState(folder));
    }

    /// <summary>An unreadable manifest stops the run and keeps its checkpoints; deleted, the run starts again from epoch 1.</summary>
    [Fact]
    public void UnreadableManifest_StopsTheRunKeepingItsCheckpoints_AndOnceDeletedTheRunStartsAgain()
    {
        var (expected, _) = TrainUninterrupted("adamomentum");
        string folder = results.File("unreadable");
        Assert.Throws<OperationCanceledException>(() => Train("adamomentum", folder, stopAfterEpoch: 1));
        string manifest = Path.Combine(folder, "manifest.json");
        File.WriteAllText(manifest, "{ not json");

        var e = Assert.Throws<InvalidDataException>(() => Train("adamomentum", folder));

        Assert.StartsWith($"{manifest} is not a readable results file: it is not valid JSON (line 1, byte 3).", e.Message);
        Assert.True(File.Exists(Path.Combine(folder, "epoch-0001", "model.bin")));
        File.Delete(manifest);
        AssertSameNumbers(expected, Train("adamomentum", folder));
    }

    /// <summary>
    /// A manifest written before the project had one checksum lists SHA-256 (upper-case hex) under "Sha256": the run
    /// still resumes from it, and a file that no longer matches its SHA-256 is still caught.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ManifestWithTheEarlierSha256_StillResumes_AndStillCatchesACorruptFile(bool corrupt)
    {
        var (expected, _) = TrainUninterrupted("adamomentum");
        string folder = results.File(corrupt ? "legacy-corrupt" : "legacy");
        Assert.Throws<OperationCanceledException>(() => Train("adamomentum", folder, stopAfterEpoch: 2));
        string manifest = Path.Combine(folder, "manifest.json");
        var entries = JsonSerializer.Deserialize<List<CheckpointEntry>>(File.ReadAllText(manifest))!;
        List<CheckpointEntry> legacy =
        [
            .. entries.Select(e => new CheckpointEntry(e.Epoch, e.Folder, Sha256: e.Checksums!.Keys.ToDictionary(f => f, f =>
                Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, e.Folder, f))))))),
        ];
        File.WriteAllText(manifest, JsonSerializer.Serialize(legacy));
        Assert.DoesNotContain("Checksums", File.ReadAllText(manifest));
        if (corrupt)
        {
            CorruptLatestOptimizerState(folder);
        }

        var progress = new RecordingProgress();
        RunRecord resumed = Train("adamomentum", folder, progress: progress);

        Assert.Contains(progress.Messages, m => m.Contains(corrupt ? "resuming after epoch 1" : "resuming after epoch 2"));
        Assert.Equal(corrupt, progress.Messages.Any(m => m.Contains("corrupt") && m.Contains("optimizer.bin")));
        AssertSameNumbers(expected, resumed);
    }

    [Fact]
    public void NewManifest_RecordsEachFilesXxHash3_AndNoSha256()
    {
        string folder = results.File("checksums");
        Assert.Throws<OperationCanceledException>(() => Train("adamomentum", folder, stopAfterEpoch: 1));
        string text = File.ReadAllText(Path.Combine(folder, "manifest.json"));
        CheckpointEntry entry = JsonSerializer.Deserialize<List<CheckpointEntry>>(text)![0];

        Assert.DoesNotContain("Sha256", text);
        Assert.NotEmpty(entry.Checksums!);
        foreach (var (file, checksum) in entry.Checksums!)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(folder, entry.Folder, file));
            Assert.Equal(XxHash3.HashToUInt64(bytes).ToString("x16"), checksum);
        }
    }

    [Fact]
    public void Compare_FinishedRuns_LeaveNoCheckpoint()
    {
        string output = results.File("compare");

        Assert.Equal(0, CliRunner.Run(["compare", "--task", "fashion-mlp", "--optimizers", "adamomentum,adam", "--epochs", "2",
                                       "--batch-size", "32", "--train-limit", "128", "--data", data.Path, "--out", output, "--quiet", "--threads", "1"]));

        Assert.Equal(2, Directory.GetFiles(Path.Combine(output, "runs"), "*.json").Length);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(output, "checkpoints")));
    }

    private (RunRecord Run, IReadOnlyDictionary<string, string> State) TrainUninterrupted(string optimizer, string taskName = "fashion-cnn")
    {
        string folder = results.File($"uninterrupted-{taskName}-{optimizer}");
        return (Train(optimizer, folder, taskName: taskName), FinalState(folder));
    }

    /// <summary>Trains the task for <see cref="Epochs"/> epochs, cancelling right after <paramref name="stopAfterEpoch"/> if given.</summary>
    private RunRecord Train(string optimizer, string checkpointFolder, int? stopAfterEpoch = null, RecordingProgress? progress = null,
                           string taskName = "fashion-cnn")
    {
        ExperimentTask task = TaskRegistry.Get(taskName);
        int? hidden = task.Hidden is null ? null : 4;
        Environment.SetEnvironmentVariable("ADAMOMENTUM_CACHE", results.File("feature-cache"));
        using TaskData taskData = task.LoadData(new TaskSettings(data.Path, TrainLimit: 128, Hidden: hidden));
        var settings = new ExperimentSettings(task.Name, Epochs, BatchSize: 32, TrainLimit: 128, Layers: 1, Schedule: "step",
                                              task.Recipe.Defaults.WeightDecay, task.Recipe.Defaults.Eps, data.Path, hidden);
        progress ??= new RecordingProgress();
        using var cancellation = new CancellationTokenSource();
        progress.AfterEpoch = epoch =>
        {
            if (epoch == stopAfterEpoch)
            {
                cancellation.Cancel();
            }
        };
        var trainer = new Trainer(task, taskData, settings, progress);
        OptimizerSpec spec = OptimizerCatalog.Get(optimizer);
        return trainer.Run(spec, task.Recipe.DefaultLr(spec), seed: 2, cancellation.Token, new RunCheckpoint(checkpointFolder, progress));
    }

    /// <summary>Flips the last byte of epoch 2's optimizer state.</summary>
    private static void CorruptLatestOptimizerState(string checkpointFolder)
    {
        string optimizerFile = Path.Combine(checkpointFolder, "epoch-0002", "optimizer.bin");
        byte[] bytes = File.ReadAllBytes(optimizerFile);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(optimizerFile, bytes);
    }

    /// <summary>The checksums of the last checkpoint's model, optimizer and generator files: the run's final state.</summary>
    private static IReadOnlyDictionary<string, string> FinalState(string checkpointFolder)
    {
        var entries = JsonSerializer.Deserialize<List<CheckpointEntry>>(File.ReadAllText(Path.Combine(checkpointFolder, "manifest.json")))!;
        Assert.Equal(Epochs, entries[0].Epoch);
        return entries[0].Checksums!.Where(f => f.Key != "metrics.json").ToDictionary();
    }

    /// <summary>Every number but the wall-clock seconds, compared bit for bit.</summary>
    private static void AssertSameNumbers(RunRecord expected, RunRecord actual)
    {
        Assert.Equal(Epochs, actual.Epochs.Count);
        Assert.Equal(expected.Epochs.Select(e => e with { Seconds = 0 }), actual.Epochs.Select(e => e with { Seconds = 0 }));
    }

    private sealed class RecordingProgress : IProgressSink
    {
        public List<string> Messages { get; } = [];

        public Action<int> AfterEpoch { get; set; } = _ => { };

        public void RunStarted(string label, int epochs, int batchesPerEpoch)
        {
        }

        public void BatchFinished(int epoch, double loss)
        {
        }

        public void EpochFinished(EpochMetrics metrics, string metricName) => AfterEpoch(metrics.Epoch);

        public void RunFinished()
        {
        }

        public void Message(string text) => Messages.Add(text);
    }
}
