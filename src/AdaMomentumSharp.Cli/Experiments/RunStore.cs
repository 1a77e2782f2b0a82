using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// The results folder's record of finished runs: one JSON file per (optimizer, learning rate, seed) under runs/,
/// written atomically when the run completes, so an interrupted comparison resumes where it stopped and never
/// finds a half-written run.
/// </summary>
public sealed class RunStore
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly string directory;

    public RunStore(string directory)
    {
        this.directory = directory;
        Directory.CreateDirectory(RunsDirectory);
    }

    private string RunsDirectory => Path.Combine(directory, "runs");

    private string SettingsPath => Path.Combine(directory, "experiment.json");

    /// <summary>Records the settings in a new folder, or checks that an existing folder was made with the same ones.</summary>
    /// <exception cref="InvalidOperationException">The folder holds runs made with other settings.</exception>
    public void Claim(ExperimentSettings settings)
    {
        if (File.Exists(SettingsPath))
        {
            var existing = JsonSerializer.Deserialize<ExperimentSettings>(File.ReadAllText(SettingsPath), Json);
            if (existing != settings)
            {
                throw new InvalidOperationException(
                    $"{directory} holds runs made with other settings ({existing}); now asked for {settings}. " +
                    "Use another --out folder, or the same settings to resume.");
            }
            return;
        }
        WriteJson(SettingsPath, settings);
    }

    public RunRecord? Find(string optimizer, double lr, int seed)
    {
        string path = RunPath(optimizer, lr, seed);
        return File.Exists(path) ? JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json) : null;
    }

    public void Save(RunRecord run) => WriteJson(RunPath(run.Optimizer, run.Lr, run.Seed), run);

    private string RunPath(string optimizer, double lr, int seed) =>
        Path.Combine(RunsDirectory, $"{optimizer}-lr{lr.ToString("G6", CultureInfo.InvariantCulture)}-seed{seed}.json");

    private static void WriteJson<T>(string path, T value) =>
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, Json))));
}
