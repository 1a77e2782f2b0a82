using System.Text.Json.Nodes;
using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// A results folder's JSON files torn, cut short or edited by hand, through the real executable: each ends in one line
/// naming the file, the field where one is at fault, and what to do; nothing intact is thrown away, and `report` reports
/// the runs it can read.
/// </summary>
public sealed class UnreadableResultsFileTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public UnreadableResultsFileTests() => SyntheticData.WriteFashionMnist(data.Path, trainCount: 200, testCount: 40);

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    private string[] CompareArguments(string output, string optimizers) =>
    [
        "compare", "--task", "fashion-mlp", "--optimizers", optimizers, "--epochs", "1", "--batch-size", "32",
        "--data", data.Path, "--out", output, "--quiet", "--threads", "1",
    ];

    private string Finished(string name, string optimizers = "adam")
    {
        string output = results.File(name);
        Assert.Equal(0, CliRunner.Run(CompareArguments(output, optimizers)));
        return output;
    }

    private static string ErrorLineOf((int ExitCode, string Output, string Errors) end)
    {
        Assert.Equal(2, end.ExitCode);
        string line = Assert.Single(end.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("`", line);
        return line;
    }

    private static void EditSettings(string output, Action<JsonObject> edit)
    {
        string path = Path.Combine(output, "experiment.json");
        var settings = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(settings);
        File.WriteAllText(path, settings.ToJsonString());
    }

    [Fact]
    public void ExperimentJson_DataDirectoryNull_NamesTheFileAndTheField()
    {
        string output = Finished("null-data");
        EditSettings(output, s => s["DataDirectory"] = null);

        string line = ErrorLineOf(CliProcess.Run(CompareArguments(output, "adam")));

        Assert.StartsWith($"error: {output}/experiment.json is not a readable results file: field DataDirectory is null; it must hold text.", line);
    }

    [Fact]
    public void ExperimentJson_TaskRemoved_SuggestsTheTaskTheFoldersRunsWereMadeWith()
    {
        string output = Finished("no-task");
        EditSettings(output, s => s.Remove("Task"));

        string line = ErrorLineOf(CliProcess.Run(CompareArguments(output, "adam")));

        Assert.StartsWith($"error: {output}/experiment.json is not a readable results file: field Task is missing; it must hold text.", line);
        Assert.Contains("this folder's runs were made with --task fashion-mlp", line);
        Assert.DoesNotContain("left out", line);
    }

    /// <summary>Every stored setting, missing or null, is named; the optional ones (Hidden, Device) may be missing.</summary>
    [Fact]
    public void ExperimentJson_AFlagHoldingText_IsNamedAsTrueOrFalse()
    {
        string output = Finished("flag");
        string path = Path.Combine(output, "experiment.json");
        EditSettings(output, s => s["LrScaledByWindow"] = "yes");

        var e = Assert.Throws<InvalidDataException>(() => new RunStore(output).Claim(new ExperimentSettings("fashion-mlp", 1, 32, null, 1, "step", 0, 1e-8, data.Path)));

        Assert.StartsWith($"{path} is not a readable results file: field LrScaledByWindow holds the text \"yes\", where it must hold true or false", e.Message);
    }

    [Fact]
    public void ExperimentJson_EverySettingMissingOrNull_IsNamed()
    {
        string output = Finished("every-field");
        string path = Path.Combine(output, "experiment.json");
        string original = File.ReadAllText(path);
        var settings = new ExperimentSettings("fashion-mlp", 1, 32, null, 1, "step", 0, 1e-8, data.Path);
        var store = new RunStore(output);
        foreach (var parameter in typeof(ExperimentSettings).GetConstructors().Single().GetParameters())
        {
            foreach (bool remove in new[] { true, false })
            {
                EditSettings(output, s =>
                {
                    if (remove) { s.Remove(parameter.Name!); } else { s[parameter.Name!] = null; }
                });
                bool optional = remove ? parameter.HasDefaultValue : parameter.Name is "TrainLimit" or "Hidden" or "EpsOverrides" or "WeightDecayOverrides";
                if (optional)
                {
                    Assert.IsType<ClaimedFolderException>(Record.Exception(() => store.Claim(settings with { Epochs = 2 })));
                }
                else
                {
                    var e = Assert.Throws<InvalidDataException>(() => store.Claim(settings));
                    Assert.StartsWith($"{path} is not a readable results file: field {parameter.Name} is {(remove ? "missing" : "null")}; it must hold ", e.Message);
                }
                File.WriteAllText(path, original);
            }
        }
    }

    [Fact]
    public void ReportWithACorruptRunFile_ReportsTheOthers_AndNamesItWithWhatToDo()
    {
        string output = Finished("corrupt-run", "adam,sgdm");
        string corrupt = Path.Combine(output, "runs", "sgdm-lr0.1-seed1.json");
        File.WriteAllText(corrupt, File.ReadAllText(corrupt)[..40]);

        var (exitCode, _, errors) = CliProcess.Run(["report", output]);

        Assert.Equal(0, exitCode);
        string warning = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"warning: left out of the report: {corrupt} is not a readable results file: it is not valid JSON (line ", warning);
        Assert.EndsWith("Delete it to train that run again with the same compare command, or restore it from a copy.", warning);
        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("1 finished run(s) of 1 epoch(s). **Left out:** ", report);
        Assert.Contains("| adam | 0.001 | 1 |", report);
        Assert.DoesNotContain("| sgdm |", report);
    }

    [Fact]
    public void CompareWithACorruptRunFile_EndsNamingItWithWhatToDo_AndRetrainsItOnceDeleted()
    {
        string output = Finished("corrupt-resume");
        string run = Directory.GetFiles(Path.Combine(output, "runs")).Single();
        string intact = File.ReadAllText(run);
        File.WriteAllText(run, "{\"Optimizer\": \"adam\"}");

        string line = ErrorLineOf(CliProcess.Run(CompareArguments(output, "adam")));

        Assert.Equal($"error: {run} is not a readable results file: field Lr is missing; it must hold a number. " +
                     "Delete it to train that run again with the same compare command, or restore it from a copy.", line);
        File.Delete(run);
        Assert.Equal(0, CliProcess.Run(CompareArguments(output, "adam")).ExitCode);
        Assert.Equal(ResultsJson.Read<RunRecord>(run).Epochs.Select(e => e.TestMetric),
                     System.Text.Json.JsonSerializer.Deserialize<RunRecord>(intact, ResultsJson.Options)!.Epochs.Select(e => e.TestMetric));
    }

    /// <summary>
    /// A manifest that cannot be read says so and how to recover, and the epoch checkpoints it named stay: starting the
    /// run again would delete them.
    /// </summary>
    [Fact]
    public void CorruptManifest_EndsNamingItWithWhatToDo_AndKeepsTheEpochCheckpoints()
    {
        string output = Finished("corrupt-manifest");
        File.Delete(Directory.GetFiles(Path.Combine(output, "runs")).Single());
        string checkpoint = Path.Combine(output, "checkpoints", "adam-lr0.001-seed1");
        string epoch = Directory.CreateDirectory(Path.Combine(checkpoint, "epoch-0001")).FullName;
        File.WriteAllText(Path.Combine(epoch, "model.bin"), "weights");
        string manifest = Path.Combine(checkpoint, "manifest.json");
        File.WriteAllText(manifest, "{}");

        string line = ErrorLineOf(CliProcess.Run(CompareArguments(output, "adam")));

        Assert.Equal($"error: {manifest} is not a readable results file: the file holds an object, where it must hold a list. " +
                     "The run's epoch checkpoints beside it are kept: restore the file from a copy to resume from them, or delete it to train this run again from its first epoch.",
                     line);
        Assert.Equal("weights", File.ReadAllText(Path.Combine(epoch, "model.bin")));
        Assert.Equal("{}", File.ReadAllText(manifest));
    }
}
