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
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInput_EndsInOneLineNamingTheOptionAndRule_WithExitCode2_LeavingNoFolder(string[] arguments, string expected)
    {
        string file = directory.File("a-file.txt");
        File.WriteAllText(file, "not a folder");
        string output = directory.File("results");
        string Fill(string text) => text.Replace("{out}", output).Replace("{missing}", directory.File("missing")).Replace("{file}", file);

        var (exitCode, _, errors) = CliProcess.Run(arguments.Select(Fill));

        Assert.Equal(2, exitCode);
        string line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(Fill(expected), line);
        Assert.DoesNotContain("(Parameter", line);
        Assert.DoesNotContain("Actual value", line);
        Assert.DoesNotContain("System.", line);
        Assert.False(Directory.Exists(output), $"{output} was left behind");
    }
}
