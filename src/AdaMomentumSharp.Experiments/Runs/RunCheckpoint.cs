using AdaMomentumSharp.Experiments.Tasks;
using AdaMomentumSharp.Files;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// One unfinished run's checkpoints, written after every epoch: each network and each optimizer of its
/// <see cref="TrainingRun"/> (an optimizer's state also holds the scheduled learning rate), torch's random generator
/// (dropout, a GAN's latent draws) and the metrics so far. The data order needs no state: <see cref="EpochShuffle"/>
/// derives it from (seed, epoch). Each epoch goes to a new folder; manifest.json, replaced atomically, then names it and
/// the one before with each file's checksum (FileChecksum), so a killed process leaves the last good checkpoint and a corrupt one can fall
/// back to its predecessor.
/// </summary>
public sealed class RunCheckpoint(string directory, IProgressSink progress)
{
    private const string RandomFile = "torch-rng.bin", MetricsFile = "metrics.json";

    private string ManifestPath => Path.Combine(directory, "manifest.json");

    /// <summary>Checkpoints the run after <paramref name="epochs"/>' last epoch, keeping the previous one as a fallback.</summary>
    public void Save(TrainingRun run, IReadOnlyList<EpochMetrics> epochs)
    {
        int epoch = epochs.Count;
        string folder = $"epoch-{epoch:D4}";
        string path = Path.Combine(directory, folder);
        // A folder already there is a torn write of a killed process, or a corrupt checkpoint being replaced.
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        Directory.CreateDirectory(path);
        foreach (var (name, module) in run.Modules)
        {
            module.save(Path.Combine(path, name + ".bin"));
        }
        foreach (var (name, optimizer) in run.Optimizers)
        {
            OptimizerCheckpoint.Save(optimizer, Path.Combine(path, name + ".bin"));
        }
        using (Tensor state = torch.Generator.Default.get_state())
        {
            File.WriteAllBytes(Path.Combine(path, RandomFile), state.bytes.ToArray());
        }
        ResultsJson.Write(Path.Combine(path, MetricsFile), epochs);

        var entry = new CheckpointEntry(epoch, folder, Files(run).ToDictionary(f => f, f => FileChecksum.Of(Path.Combine(path, f))));
        List<CheckpointEntry> kept = [entry, .. ReadManifest().Where(e => e.Epoch < epoch).Take(1)];
        ResultsJson.Write(ManifestPath, kept);
        DeleteFoldersExcept(kept);
    }

    /// <summary>
    /// The newest checkpoint holding every file <paramref name="run"/> needs, each matching its checksum, or null to
    /// start from scratch; each corrupt or unreadable one is reported.
    /// </summary>
    /// <exception cref="InvalidDataException">The manifest is unreadable; the message says how to recover.</exception>
    public CheckpointEntry? LatestGood(TrainingRun run)
    {
        if (!File.Exists(ManifestPath))
        {
            return null;
        }
        foreach (CheckpointEntry entry in ReadManifest())
        {
            if (Corruption(entry, Files(run)) is string problem)
            {
                progress.Message($"Checkpoint of epoch {entry.Epoch} in {Path.Combine(directory, entry.Folder)} is corrupt ({problem}); falling back");
                continue;
            }
            return entry;
        }
        progress.Message($"No good checkpoint in {directory}; starting the run from scratch");
        return null;
    }

    /// <summary>Loads <paramref name="entry"/> into the run's networks and optimizers and torch's generator; returns the metrics so far.</summary>
    public IReadOnlyList<EpochMetrics> Restore(CheckpointEntry entry, TrainingRun run)
    {
        string path = Path.Combine(directory, entry.Folder);
        foreach (var (name, module) in run.Modules)
        {
            module.load(Path.Combine(path, name + ".bin"));
        }
        foreach (var (name, optimizer) in run.Optimizers)
        {
            OptimizerCheckpoint.Load(optimizer, Path.Combine(path, name + ".bin"));
        }
        using (Tensor state = torch.tensor(File.ReadAllBytes(Path.Combine(path, RandomFile)), ScalarType.Byte))
        {
            torch.Generator.Default.set_state(state);
        }
        return ResultsJson.Read<List<EpochMetrics>>(Path.Combine(path, MetricsFile));
    }

    /// <summary>Removes every checkpoint of the run, once its record is written.</summary>
    public void Delete()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The files a checkpoint of <paramref name="run"/> holds: one per network and optimizer, the generator state and the metrics.</summary>
    private static IEnumerable<string> Files(TrainingRun run) =>
        [.. run.Modules.Select(m => m.Name + ".bin"), .. run.Optimizers.Select(o => o.Name + ".bin"), RandomFile, MetricsFile];

    private string? Corruption(CheckpointEntry entry, IEnumerable<string> files)
    {
        foreach (string file in files)
        {
            string path = Path.Combine(directory, entry.Folder, file);
            if (!File.Exists(path))
            {
                return $"{file} is missing";
            }
            if (!entry.Matches(file, path))
            {
                return $"{file} does not match its checksum";
            }
        }
        return null;
    }

    /// <exception cref="InvalidDataException">The manifest is unreadable. Nothing is deleted: the checkpoints it names are
    /// likely intact, and starting afresh would throw them away without asking.</exception>
    private List<CheckpointEntry> ReadManifest() => File.Exists(ManifestPath)
        ? ResultsJson.Read<List<CheckpointEntry>>(ManifestPath, () =>
            "The run's epoch checkpoints beside it are kept: restore the file from a copy to resume from them, or delete it to train this run again from its first epoch.")
        : [];

    private void DeleteFoldersExcept(List<CheckpointEntry> kept)
    {
        foreach (string folder in Directory.GetDirectories(directory))
        {
            if (!kept.Any(e => e.Folder == Path.GetFileName(folder)))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
