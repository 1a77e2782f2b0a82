using System.Globalization;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// The results folder's record of finished runs: one JSON file per (optimizer, learning rate, seed) under runs/,
/// written atomically when the run completes, so an interrupted comparison resumes where it stopped and never
/// finds a half-written run.
/// </summary>
public sealed class RunStore
{
    private readonly string directory;

    public RunStore(string directory)
    {
        this.directory = directory;
        Directory.CreateDirectory(RunsDirectory);
    }

    private string RunsDirectory => RunsIn(directory);

    private string SettingsPath => Path.Combine(directory, "experiment.json");

    /// <summary>Records the settings in a new folder, or checks that an existing folder was made with the same ones.</summary>
    /// <exception cref="InvalidOperationException">The folder holds runs made with other settings; the message names each difference.</exception>
    public void Claim(ExperimentSettings settings)
    {
        if (File.Exists(SettingsPath))
        {
            var existing = ResultsJson.Read<ExperimentSettings>(SettingsPath);
            // Folders written before data folders were recorded canonically may hold a trailing slash or a link.
            existing = existing with { DataDirectory = CanonicalPath.Of(existing.DataDirectory) };
            if (existing != settings)
            {
                throw new InvalidOperationException(SettingsMismatch.Describe(directory, existing, settings));
            }
            return;
        }
        ResultsJson.Write(SettingsPath, settings);
    }

    public RunRecord? Find(string optimizer, double lr, int seed)
    {
        string path = RunPath(optimizer, lr, seed);
        return File.Exists(path) ? ResultsJson.Read<RunRecord>(path) : null;
    }

    /// <summary>Every finished run in <paramref name="folder"/>'s runs/ (none if it has no runs/), read without creating anything.</summary>
    public static IReadOnlyList<RunRecord> ReadAll(string folder) =>
        Directory.Exists(RunsIn(folder))
            ? [.. Directory.GetFiles(RunsIn(folder), "*.json").Order(StringComparer.Ordinal).Select(ResultsJson.Read<RunRecord>)]
            : [];

    public void Save(RunRecord run) => ResultsJson.Write(RunPath(run.Optimizer, run.Lr, run.Seed), run);

    /// <summary>Where an unfinished run keeps its per-epoch checkpoints (see <see cref="RunCheckpoint"/>).</summary>
    public string CheckpointDirectory(string optimizer, double lr, int seed) =>
        Path.Combine(directory, "checkpoints", RunKey(optimizer, lr, seed));

    private static string RunsIn(string folder) => Path.Combine(folder, "runs");

    private string RunPath(string optimizer, double lr, int seed) => Path.Combine(RunsDirectory, RunKey(optimizer, lr, seed) + ".json");

    /// <summary>The name a run's files take: optimizer, learning rate and seed.</summary>
    public static string RunKey(string optimizer, double lr, int seed) =>
        $"{optimizer}-lr{lr.ToString("G6", CultureInfo.InvariantCulture)}-seed{seed}";
}
