using AdaMomentumSharp.Experiments.Sweeps;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>How `sweep local` names a worker that failed.</summary>
public sealed class LocalSweepTests
{
    private static readonly PlannedRun Run = new(3, "adam-lr0.001-seed2", "adam", 0.001, 2, Tunes: false);

    [Theory]
    [InlineData(137, null, "run 3 (adam lr 0.001 seed 2) failed, exit code 137: killed by signal 9 (SIGKILL: kill -9, or the kernel out of memory)")]
    [InlineData(143, null, "run 3 (adam lr 0.001 seed 2) failed, exit code 143: killed by signal 15")]
    [InlineData(1, null, "run 3 (adam lr 0.001 seed 2) failed, exit code 1: no message")]
    [InlineData(137, "out of disk", "run 3 (adam lr 0.001 seed 2) failed, exit code 137: out of disk")]
    [InlineData(2, "Fashion-MNIST file x is missing (or .gz).", "run 3 (adam lr 0.001 seed 2) failed, exit code 2: Fashion-MNIST file x is missing (or .gz)")]
    public void Failure_NamesTheSignalThatKilledAWorker_OrItsLastErrorWithoutItsFullStop(int exitCode, string? lastError, string expected) =>
        Assert.Equal(expected, LocalSweep.Failure(Run, exitCode, lastError));
}
