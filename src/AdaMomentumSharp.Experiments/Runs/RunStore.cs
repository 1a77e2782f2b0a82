using System.Globalization;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// The results folder's record of finished runs: one JSON file per (optimizer, learning rate, seed) under runs/,
/// written atomically when the run completes, so an interrupted comparison resumes where it stopped and never
/// finds a half-written run.
/// </summary>
public sealed class RunStore
{
    private const string DeleteOrRestoreRun = "Delete it to train that run again with the same compare command, or restore it from a copy.";

    private readonly string directory;

    public RunStore(string directory)
    {
        this.directory = directory;
        Directory.CreateDirectory(RunsDirectory);
    }

    private string RunsDirectory => RunsIn(directory);

    public const string SettingsFileName = "experiment.json";

    private string SettingsPath => Path.Combine(directory, SettingsFileName);

    /// <summary>
    /// Records the settings in a new folder, or checks that an existing folder was made with the same ones. Of commands
    /// claiming one new folder at once, exactly one records its settings; the others compare theirs with it.
    /// </summary>
    /// <exception cref="ClaimedFolderException">The folder holds runs made with other settings; the message names each difference.</exception>
    /// <exception cref="InvalidDataException">experiment.json is unreadable; the message names the field and how to recover.</exception>
    public void Claim(ExperimentSettings settings)
    {
        if (ExclusiveFile.TryCreate(SettingsPath, ResultsJson.Bytes(settings)))
        {
            return;
        }
        var existing = ResultsJson.Read<ExperimentSettings>(SettingsPath, SettingsRecovery);
        // Folders written before data folders were recorded canonically may hold a trailing slash or a link.
        existing = existing with { DataDirectory = CanonicalPath.Of(existing.DataDirectory) };
        if (existing != settings)
        {
            throw new ClaimedFolderException(SettingsMismatch.Describe(directory, existing, settings));
        }
    }

    /// <exception cref="InvalidDataException">The run's file is unreadable; the message says to delete or restore it.</exception>
    public RunRecord? Find(string optimizer, double lr, int seed)
    {
        string path = RunPath(optimizer, lr, seed);
        return File.Exists(path) ? ResultsJson.Read<RunRecord>(path, () => DeleteOrRestoreRun) : null;
    }

    /// <summary>
    /// Every finished run in <paramref name="folder"/>'s runs/ (none if it has no runs/), read without creating anything;
    /// each unreadable run file is left out and described in <paramref name="unreadable"/>, with what to do about it.
    /// </summary>
    public static IReadOnlyList<RunRecord> ReadAll(string folder, out IReadOnlyList<string> unreadable)
    {
        var runs = new List<RunRecord>();
        var problems = new List<string>();
        string[] files = Directory.Exists(RunsIn(folder)) ? Directory.GetFiles(RunsIn(folder), "*.json") : [];
        foreach (string file in files.Order(StringComparer.Ordinal))
        {
            try
            {
                runs.Add(ResultsJson.Read<RunRecord>(file, () => DeleteOrRestoreRun));
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }
        unreadable = problems;
        return runs;
    }

    public void Save(RunRecord run) => ResultsJson.Write(RunPath(run.Optimizer, run.Lr, run.Seed), run);

    /// <summary>Where unfinished runs keep their checkpoints, and runs being trained their locks.</summary>
    public const string CheckpointsFolder = "checkpoints";

    public const string LockExtension = ".lock";

    /// <summary>Where an unfinished run keeps its per-epoch checkpoints (see <see cref="RunCheckpoint"/>).</summary>
    public string CheckpointDirectory(string optimizer, double lr, int seed) =>
        Path.Combine(directory, CheckpointsFolder, RunKey(optimizer, lr, seed));

    /// <summary>The run's <see cref="RunLock"/> file, there while a command trains it.</summary>
    public string LockPath(string optimizer, double lr, int seed) => CheckpointDirectory(optimizer, lr, seed) + LockExtension;

    /// <summary>Takes the run's <see cref="RunLock"/>, held while a command trains it.</summary>
    public RunLock Lock(string optimizer, double lr, int seed) =>
        RunLock.Take(LockPath(optimizer, lr, seed), $"Run {RunKey(optimizer, lr, seed)} of {directory}");

    private static string RunsIn(string folder) => Path.Combine(folder, "runs");

    private string RunPath(string optimizer, double lr, int seed) => Path.Combine(RunsDirectory, RunKey(optimizer, lr, seed) + ".json");

    /// <summary>The name a run's files take: optimizer, learning rate and seed.</summary>
    public static string RunKey(string optimizer, double lr, int seed) =>
        $"{optimizer}-lr{lr.ToString("G6", CultureInfo.InvariantCulture)}-seed{seed}";

    /// <summary>What to do about an unreadable experiment.json, naming the task this folder's runs were made with when one says.</summary>
    private string SettingsRecovery()
    {
        string? task = ReadAll(directory, out _).Select(r => r.Epochs.FirstOrDefault()?.Task).FirstOrDefault(t => t is not null);
        string made = task is null ? "" : $" (this folder's runs were made with --task {task})";
        return $"It records the settings this folder's runs were made with{made}: restore it or correct that field, or use another --out folder to start afresh.";
    }
}
