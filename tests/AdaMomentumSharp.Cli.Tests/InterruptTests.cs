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
        // Through env, which execs the CLI in the same process: a test host started in the background by a
        // non-interactive shell (`bash .ci/run &`) ignores SIGINT, children inherit that, and .NET rightly keeps an
        // ignored signal ignored; --default-signal gives the CLI the disposition it has when run from a terminal.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in (string[])["--default-signal=INT", Path.Combine(AppContext.BaseDirectory, "adamomentum"), "compare", "--task", "fashion-mlp", "--optimizers", "adam", "--epochs", "2000", "--batch-size", "32",
                                          "--schedule", "none", "--data", data.Path, "--out", output, "--quiet", "--threads", "1"])
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        try
        {
            await WaitForLine(process.StandardOutput, "epoch 1/2000", TimeSpan.FromMinutes(2));
            Process.Start("kill", ["-" + signal, process.Id.ToString()])!.WaitForExit();

            Assert.True(process.WaitForExit(60_000), "the signal should stop the comparison within a batch");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        Assert.Equal(CompareCommand.InterruptedExitCode, process.ExitCode);
        Assert.Contains($"run the same command with --out {output} to resume", await errors);
        Assert.Empty(Directory.GetFiles(Path.Combine(output, "runs")));
        // Epoch 1 was printed before the signal, and its checkpoint is written before the next batch can stop the run.
        Assert.True(File.Exists(Path.Combine(output, "checkpoints", "adam-lr0.001-seed1", "manifest.json")), "epoch 1 should be checkpointed");
        Assert.Empty(Directory.GetFiles(output, "*.tmp", SearchOption.AllDirectories));
    }

    /// <summary>Reads <paramref name="output"/> until a line contains <paramref name="text"/>, then keeps draining it in the background.</summary>
    private static async Task WaitForLine(StreamReader output, string text, TimeSpan timeout)
    {
        using var timer = new CancellationTokenSource(timeout);
        while (await output.ReadLineAsync(timer.Token) is string line)
        {
            if (line.Contains(text))
            {
                _ = output.ReadToEndAsync(CancellationToken.None);
                return;
            }
        }
        Assert.Fail($"the process ended before printing '{text}'");
    }
}
