using System.Globalization;
using AdaMomentumSharp.Experiments.Optimizers;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// Hostile input through the real executable: every refusal is one line naming the option, the value and the rule, in
/// a person's words (no stack trace, help page or .NET phrasing), exit code 2, before any data loads, and it leaves no
/// results folder behind.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private static readonly string[] SmallCompare = ["compare", "--task", "fashion-mlp", "--epochs", "1", "--train-limit", "64", "--quiet", "--out", "{out}"];

    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    public static TheoryData<string[], string> BadInputs => new()
    {
        { [.. SmallCompare, "--lr", "adam=-1"], "error: --lr: 'adam=-1' is not allowed; each item must be NAME=NUMBER with NAME one of" },
        { [.. SmallCompare, "--lr-grid", "0"], "error: --lr-grid: '0' is not allowed; each item must be a positive number." },
        { [.. SmallCompare, "--batch-size", "0"], "error: --batch-size 0: it must be 1 or more." },
        { [.. SmallCompare, "--threads", "0"], "error: --threads 0: it must be 1 or more." },
        { [.. SmallCompare, "--seeds", "0"], "error: --seeds 0: it must be 1 or more." },
        { [.. SmallCompare, "--seeds", "x"], "error: --seeds 'x': it must be a whole number." },
        { [.. SmallCompare, "--schedule", "weekly"], "error: --schedule: Argument 'weekly' not recognized. Must be one of: 'step' 'cosine'" },
        { [.. SmallCompare, "--data", "{missing}"], "error: --data '{missing}': no such folder." },
        { [.. SmallCompare, "--data", "{file}"], "error: --data '{file}' is a file; it must name the folder that holds fashion-mlp's data." },
        { [.. SmallCompare, "--optimizers", "adamomentum", "--lr", "adamomentum=1e39"],
          "error: --lr adamomentum=1E+39: the learning rate is outside what the models' float32 arithmetic holds; it must lie between 1E-38 and 3.4E+38." },
        { [.. SmallCompare, "--optimizers", "sgdm", "--lr-grid", "1e-40"],
          "error: --lr-grid 1E-40: sgdm's learning rate 0.1 × 1E-40 = 1E-41 is outside what the models' float32 arithmetic holds" },
        { ["compare", "--task", "char-lstm", "--layers", "9", "--out", "{out}"], "error: --layers 9: char-lstm takes 1 to 3 layers." },
        { ["bench", "--task", "char-lstm", "--layers", "9"], "error: --layers 9: char-lstm takes 1 to 3 layers." },
        { ["bench", "--task", "fashion-mlp", "--data", "{missing}"], "error: --data '{missing}': no such folder." },
        { ["bench", "--parameters", "-1"], "error: --parameters -1: it must be --tensors (62) or more." },
        { ["trajectories", "--steps", "-5"], "error: Unrecognized command or argument '--steps'." },
        { ["report", "{missing}"], "error: report '{missing}': no such folder; give a results folder written by `adamomentum compare`." },
        { [], "error: Required command was not provided. ('adamomentum --help' lists the options.)" },
        { [.. SmallCompare, "--threads", "100000"],
          $"error: --threads 100000: it must be {Environment.ProcessorCount} or less (this machine's {Environment.ProcessorCount} logical cores; more threads would only take turns on them)." },
        { [.. SmallCompare, "--seeds", "101"], "error: --seeds 101: it must be 100 or less (each seed is one more full training run per optimizer and learning rate)." },
        { ["compare", "--task", "fashion-mlp", "--quiet", "--out", "{out}", "--epochs", "2001"], "error: --epochs 2001: it must be 2000 or less " +
            "(ten times the longest recipe here, the authors' 200 CIFAR epochs)." },
        { [.. SmallCompare, "--batch-size", "65537"], "error: --batch-size 65537: it must be 65536 or less (more than any task's training split holds)." },
        { ["compare", "--task", "fashion-mlp", "--quiet", "--out", "{out}", "--train-limit", "10000001"],
          "error: --train-limit 10000001: it must be 10000000 or less (more examples than any task's data holds; 0 takes them all)." },
        { ["compare", "--task", "fashion-mlp", "--quiet", "--out", "{out}", "--train-limit", "-1"], "error: --train-limit -1: it must be 0 or more." },
        { ["compare", "--task", "ptb-lstm", "--hidden", "4601", "--out", "{out}"],
          "error: --hidden 4601: it must be 4600 or less (4 × ptb-lstm's default 1150: the model's memory grows with the square of its width)." },
        { ["compare", "--task", "fashion-dcgan", "--hidden", "257", "--out", "{out}"],
          "error: --hidden 257: it must be 256 or less (4 × fashion-dcgan's default 64: the model's memory grows with the square of its width)." },
        { ["bench", "--parameters", "99999999999"],
          string.Create(CultureInfo.InvariantCulture, $"error: --parameters 99999999999: it must be {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2 / 40} " +
              $"or less (the bench holds up to 40 bytes per parameter, the optimizers' step traffic and the triad's " +
              $"arrays, in at most half of this machine's {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9:F1} " +
              $"GB).") },
        { ["bench", "--tensors", "100001"], "error: --tensors 100001: it must be 100000 or less (far more tensors than any model here has)." },
        { ["bench", "--steps", "10001"], "error: --steps 10001: it must be 10000 or less (each timed step also runs a triad over every parameter)." },
        { [.. SmallCompare, "--optimizers", ""], $"error: --optimizers '': the list is empty; give at least one item (each item must be one of {Optimizers}). {CompareHelp}" },
        { [.. SmallCompare, "--optimizers", ","], $"error: --optimizers ',': the list is empty; give at least one item (each item must be one of {Optimizers}). {CompareHelp}" },
        { [.. SmallCompare, "--lr-grid", ""], $"error: --lr-grid '': the list is empty; give at least one item (each item must be a positive number). {CompareHelp}" },
        { [.. SmallCompare, "--lr", " , "],
          $"error: --lr ' , ': the list is empty; give at least one item (each item must be NAME=NUMBER with NAME one of {Optimizers} and NUMBER positive). {CompareHelp}" },
        { ["trajectories", "--optimizers", "", "--out", "{out}"],
          $"error: --optimizers '': the list is empty; give at least one item (each item must be one of {Optimizers}). ('adamomentum trajectories --help' lists the options.)" },
        { ["trajectories", "--functions", "", "--out", "{out}"],
          "error: --functions '': the list is empty; give at least one item (each item must be one of rosenbrock, beale, saddle, noisy-quadratic). " +
              "('adamomentum trajectories --help' lists the options.)" },
        { ["bench", "--optimizers", ""], $"error: --optimizers '': the list is empty; give at least one item (each item must be one of {Optimizers}). " +
            $"('adamomentum bench --help' lists the options.)" },
        { ["compare", "--out", ""], "error: --out '': the path is empty; it must name a folder (existing or new) for the results." },
        { ["trajectories", "--out", " "], "error: --out ' ': the path is empty; it must name a folder (existing or new) for the results." },
        { ["bench", "--out", ""], "error: --out '': the path is empty; it must name a file to write." },
        { [.. SmallCompare, "--data", ""], "error: --data '': the path is empty; it must name the folder that holds fashion-mlp's data." },
        { ["bench", "--task", "fashion-mlp", "--data", ""], "error: --data '': the path is empty; it must name the folder that holds fashion-mlp's data." },
        { ["report", ""], "error: report '': the path is empty; it must name a results folder written by `adamomentum compare`." },
        { ["report", "{file}"], "error: report '{file}' is a file; give a results folder written by `adamomentum compare`." },
        { ["sweep", "status", "{file}"], "error: sweep '{file}' is a file; give a results folder holding a plan (sweep.json), made by `adamomentum sweep plan ... --out DIR`." },
        { ["sweep", "run", "{file}", "--index", "x"], "error: --index 'x': it must be a whole number. ('adamomentum sweep run --help' lists the options.)" },
        { ["sweep", "plan", "--task", "fashion-mlp", "--out", "{file}/results"],
          "error: --out '{file}/results': '{file}' is a file, so no folder can be made under it; it must name a folder (existing or new) for the results." },
    };

    private static string Optimizers => string.Join(", ", OptimizerCatalog.Names);

    private const string CompareHelp = "('adamomentum compare --help' lists the options.)";

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInput_EndsInOneLineNamingTheOptionAndRule_WithExitCode2_LeavingNoFolder(string[] arguments, string expected)
    {
        string file = directory.File("a-file.txt");
        File.WriteAllText(file, "not a folder");
        string output = directory.File("results");
        string Fill(string text) => text.Replace("{out}", output).Replace("{missing}", directory.File("missing")).Replace("{file}", file);

        // Run from the temporary folder, so that a default results/ (or a folder named by a blank --out) would land in it.
        var (exitCode, _, errors) = CliProcess.Run(arguments.Select(Fill), workingDirectory: directory.Path);

        Assert.Equal(2, exitCode);
        string line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(Fill(expected), line);
        Assert.DoesNotContain("(Parameter", line);
        Assert.DoesNotContain("Actual value", line);
        Assert.DoesNotContain("System.", line);
        Assert.False(Directory.Exists(output), $"{output} was left behind");
        Assert.Equal([file], Directory.GetFileSystemEntries(directory.Path));
    }
}
