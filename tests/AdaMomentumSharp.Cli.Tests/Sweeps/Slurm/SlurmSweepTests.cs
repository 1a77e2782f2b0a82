using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Tests.Slurm;

/// <summary>
/// A plan trained by a real Slurm job array on a one-node cluster started for the test, its report written by the
/// dependent job: the numbers must be the sequential `compare`'s.
/// </summary>
public sealed class SlurmSweepTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public SlurmSweepTests() => SyntheticData.WriteFashionMnist(data.Path, trainCount: 1250, testCount: 100);

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    private string[] Comparison(string output) =>
    [
        "--task", "fashion-mlp", "--optimizers", "adamomentum,adam", "--epochs", "1", "--seeds", "2", "--train-limit", "1000",
        "--batch-size", "50", "--data", data.Path, "--out", output,
    ];

    private static List<EpochMetrics> Metrics(string folder) =>
    [
        .. CsvFile.Read<EpochMetrics>(Path.Combine(folder, ComparisonResults.MetricsFileName))
            .Select(m => m with { Seconds = 0 }).OrderBy(m => m.Optimizer).ThenBy(m => m.Seed),
    ];

    [Fact]
    public async Task AJobArrayAndItsReportJob_GiveTheSequentialComparesMetrics()
    {
        using var slurm = new OneNodeSlurm();
        // A folder name sbatch reads specially in a #SBATCH line (blank, '%', '#', quotes): the logs must still land in it.
        string sequential = results.File("sequential"), array = results.File("array 50% #1 'q' \"d\"");
        Assert.Equal(0, CliProcess.Run(["compare", .. Comparison(sequential), "--threads", "1", "--quiet"]).ExitCode);
        Assert.Equal(0, CliProcess.Run(["sweep", "plan", .. Comparison(array)]).ExitCode);

        var (code, output, errors) = await CliProcess.RunAsync(["sweep", "slurm", array, "--max-parallel", "2", "--submit"], environment: slurm.Environment);

        Assert.True(code == 0, errors);
        var jobs = output.Split('\n').Where(l => l.StartsWith("Submitted ", StringComparison.Ordinal)).Select(l => l.Split(' ')[^1].Trim()).ToList();
        Assert.Equal(2, jobs.Count); // the array and the report: no grid, so no tuning array
        slurm.WaitFor(jobs, TimeSpan.FromMinutes(5));
        Assert.Equal("COMPLETED", slurm.State(jobs[1]));
        Assert.Equal(4, Metrics(array).Count);
        Assert.Equal(Metrics(sequential), Metrics(array));
        Assert.Contains("| adamomentum | 0.001 | 2 |", File.ReadAllText(Path.Combine(array, "report.md")));
        Assert.Equal(4, Directory.GetFiles(Path.Combine(array, "slurm", "logs"), "runs-*.out").Length);
    }
}
