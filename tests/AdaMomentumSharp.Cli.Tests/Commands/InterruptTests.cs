using System.Diagnostics;
using AdaMomentumSharp.Cli.Commands;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// `compare` as its own process: Ctrl+C (SIGINT) and SIGTERM (what `kill`, systemd and docker send) both stop it
/// between two batches with the resume hint, recording nothing half-done and keeping the last finished epoch's checkpoint.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Compare_Signalled_StopsBetweenBatches_AndSaysHowToResume(string signal)
    {
        SyntheticData.WriteFashionMnist(data.Path, trainCount: 400, testCount: 60);
        string output = results.File("signalled");
        using var process = StartCompare(["--task", "fashion-mlp", "--optimizers", "adam", "--epochs", "2000", "--batch-size", "32",
                                          "--schedule", "none", "--data", data.Path, "--out", output, "--quiet", "--threads", "1"]);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await Signal(process, signal, once: () => WaitForLine(process.StandardOutput, "epoch 1/2000", TimeSpan.FromMinutes(2)),
                     TimeSpan.FromSeconds(60), "the signal should stop the comparison within a batch");

        Assert.Equal(CompareCommand.InterruptedExitCode, process.ExitCode);
        Assert.Contains($"run the same command with --out {output} to resume", await errors);
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "runs")));
        // Epoch 1 was printed before the signal, and its checkpoint is written before the next batch can stop the run.
        Assert.True(File.Exists(Path.Combine(output, "checkpoints", "adam-lr0.001-seed1", "manifest.json")), "epoch 1 should be checkpointed");
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>
    /// A GAN task first trains its FID classifier (minutes on real data, and on a fresh cache): Ctrl+C there stops it
    /// between two of its batches, caches nothing, and ends as in training, with the resume message and exit code 130,
    /// well before the 30 s after which the process would exit with native code still running.
    /// </summary>
    [Fact]
    public async Task Compare_InterruptedWhileTheFidClassifierTrains_StopsWithTheResumeMessage()
    {
        // Enough images that the classifier trains for far longer than the test waits: 5 epochs of 160 batches.
        SyntheticData.WriteFashionMnist(data.Path, trainCount: 20000, testCount: 60);
        string output = results.File("classifier"), cache = results.File("cache");
        using var process = StartCompare(["--task", "fashion-dcgan", "--hidden", "4", "--optimizers", "adamomentum", "--epochs", "1",
                                          "--data", data.Path, "--out", output, "--quiet", "--threads", "1"], ("ADAMOMENTUM_CACHE", cache));
        Task<string> errors = process.StandardError.ReadToEndAsync();
        Task<string> printed = Task.FromResult("");
        await Signal(process, "INT", once: async () =>
        {
            printed = await WaitForLine(process.StandardOutput, "Loading fashion-dcgan data", TimeSpan.FromMinutes(1));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }, TimeSpan.FromSeconds(20), "Ctrl+C should stop the classifier's training within a batch");

        Assert.Equal(CompareCommand.InterruptedExitCode, process.ExitCode);
        Assert.Contains($"Interrupted. Finished runs, and each unfinished run's last epoch checkpoint, are kept in {output}; run the same command with --out {output} to resume.", await errors);
        // The data never finished loading: the signal came while the classifier trained, and it cached nothing.
        Assert.DoesNotContain("validation", await printed);
        Assert.Empty(Directory.Exists(cache) ? Directory.GetFiles(cache) : []);
    }

    [Fact]
    public async Task SweepLocal_Terminated_StopsEveryWorkerBetweenBatches_KeepingTheirCheckpoints()
    {
        SyntheticData.WriteFashionMnist(data.Path, trainCount: 400, testCount: 60);
        string output = results.File("sweep");
        Assert.Equal(0, CliProcess.Run(["sweep", "plan", "--task", "fashion-mlp", "--optimizers", "adam,sgdm", "--epochs", "2000", "--batch-size", "32",
                                        "--schedule", "none", "--data", data.Path, "--out", output]).ExitCode);
        using var process = Start(["sweep", "local", output, "--jobs", "2", "--threads", "1", "--quiet"]);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        await Signal(process, "TERM", once: async () =>
        {
            _ = await WaitForLine(process.StandardOutput, "epoch 1/2000", TimeSpan.FromMinutes(2));
            // Both workers past their first epoch: stop them in the middle of their runs.
            while (Directory.GetFiles(output, "manifest.json", SearchOption.AllDirectories).Length < 2)
            {
                await Task.Delay(100);
            }
        }, TimeSpan.FromSeconds(60), "SIGTERM should stop every worker within a batch");

        Assert.Equal(CompareCommand.InterruptedExitCode, process.ExitCode);
        Assert.Contains($"Interrupted. Finished runs, and each unfinished run's last epoch checkpoint, are kept in {output}; run `adamomentum sweep local {output}` again to resume.", await errors);
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "runs")));
        // Each worker stopped as compare does: its lock released, its last epoch's checkpoint kept.
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "checkpoints"), "*.lock"));
        foreach (string run in new[] { "adam-lr0.001-seed1", "sgdm-lr0.1-seed1" })
        {
            Assert.True(File.Exists(Path.Combine(output, "checkpoints", run, "manifest.json")), $"{run} should keep its checkpoint");
        }
    }

    private Process StartCompare(IEnumerable<string> arguments, params (string Name, string Value)[] environment) =>
        Start(["compare", .. arguments], environment);

    private static Process Start(IEnumerable<string> arguments, params (string Name, string Value)[] environment)
    {
        // Through env, which execs the CLI in the same process: a test host started in the background by a
        // non-interactive shell (`bash .ci/run &`) ignores SIGINT, children inherit that, and .NET rightly keeps an
        // ignored signal ignored; --default-signal gives the CLI the disposition it has when run from a terminal.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in new[] { "--default-signal=INT", Path.Combine(AppContext.BaseDirectory, "adamomentum") }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    /// <summary>Sends <paramref name="signal"/> <paramref name="once"/> it is time, and asserts the process ends <paramref name="within"/>; kills it otherwise.</summary>
    private static async Task Signal(Process process, string signal, Func<Task> once, TimeSpan within, string why)
    {
        try
        {
            await once();
            Process.Start("kill", ["-" + signal, process.Id.ToString()])!.WaitForExit();

            Assert.True(process.WaitForExit(within), why);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    /// <summary>Reads <paramref name="output"/> until a line contains <paramref name="text"/>; returns the rest of it, read in the background.</summary>
    private static async Task<Task<string>> WaitForLine(StreamReader output, string text, TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        while (await output.ReadLineAsync(timer.Token) is string line)
        {
            if (line.Contains(text))
            {
                return output.ReadToEndAsync(CancellationToken.None);
            }
        }
        Assert.Fail($"the process ended before printing '{text}'");
        return Task.FromResult("");
    }
}
