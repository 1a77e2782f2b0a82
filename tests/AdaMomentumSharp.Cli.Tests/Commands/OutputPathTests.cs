using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>A wrong --out (or count) ends in one line naming the option and the problem, exit code 2, before any work.</summary>
public sealed class OutputPathTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    public static TheoryData<string[], string> BadOutputs => new()
    {
        { ["compare", "--task", "fashion-mlp", "--epochs", "1", "--out", "{file}"], "is a file" },
        { ["trajectories", "--out", "{file}"], "is a file" },
        { ["bench", "--parameters", "1000", "--tensors", "2", "--steps", "1", "--out", "{missing}/table.md"], "does not exist" },
        { ["bench", "--parameters", "1000", "--tensors", "2", "--steps", "1", "--out", "{folder}"], "is a folder" },
        { ["compare", "--epochs", "-1", "--out", "{folder}/x"], "--epochs -1: it must be 1 or more." },
        { ["bench", "--steps", "0"], "--steps 0: it must be 1 or more." },
    };

    [Theory]
    [MemberData(nameof(BadOutputs))]
    public void BadOut_EndsInOneLineNamingTheOption_WithExitCode2(string[] arguments, string problem)
    {
        string file = directory.File("a-file.txt");
        File.WriteAllText(file, "keep me");

        var (exitCode, _, errors) = CliProcess.Run(arguments.Select(a => a.Replace("{file}", file).Replace("{missing}", directory.File("missing")).Replace("{folder}", directory.Path)));

        Assert.Equal(2, exitCode);
        string line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --", line);
        Assert.Contains(problem, line);
        Assert.DoesNotContain("(Parameter", line);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("char-lstm", "9", "takes 1 to 3 layers")]
    [InlineData("fashion-mlp", "2", "one fixed depth")]
    public void BadLayers_IsRefusedBeforeAnyDataLoads_AndLeavesNoFolder(string task, string layers, string problem)
    {
        string output = directory.File("results");

        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run("compare", "--task", task, "--layers", layers, "--data", directory.File("no-data"),
                                                                      "--out", output, "--quiet"));

        Assert.StartsWith($"--layers {layers}: ", e.Message);
        Assert.Contains(problem, e.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void DataFolderWithoutTheData_LeavesNoEmptyResultsFolderBehind()
    {
        string output = directory.File("results");
        string empty = Directory.CreateDirectory(directory.File("empty")).FullName;

        Assert.Throws<DataFileException>(() => CliRunner.Run("compare", "--task", "fashion-mlp", "--data", empty, "--out", output, "--quiet"));

        Assert.False(Directory.Exists(output));
    }
}
