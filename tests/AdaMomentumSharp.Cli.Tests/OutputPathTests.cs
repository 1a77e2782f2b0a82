using System.Diagnostics;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>A wrong --out ends in one line naming the option and the problem, exit code 2, before any work.</summary>
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
    };

    [Theory]
    [MemberData(nameof(BadOutputs))]
    public void BadOut_EndsInOneLineNamingTheOption_WithExitCode2(string[] arguments, string problem)
    {
        string file = directory.File("a-file.txt");
        File.WriteAllText(file, "keep me");
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "adamomentum"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument.Replace("{file}", file).Replace("{missing}", directory.File("missing")).Replace("{folder}", directory.Path));
        }

        using Process process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(2, process.ExitCode);
        string line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --out ", line);
        Assert.Contains(problem, line);
        Assert.Equal("keep me", File.ReadAllText(file));
    }
}
