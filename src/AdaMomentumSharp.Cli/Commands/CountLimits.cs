using System.Globalization;
using AdaMomentumSharp.Experiments.Bandwidth;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Sweeps;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// The largest count each option accepts, and why: a typo's extra digits must end in one line before any work, not in
/// thousands of threads, a job of years or a process the kernel kills for its memory.
/// </summary>
public static class CountLimits
{
    public const int MaxSeeds = SweepPlan.MaxSeeds;

    /// <summary>Ten times the longest recipe here, the authors' 200 CIFAR epochs.</summary>
    public const int MaxEpochs = 2000;

    public const int MaxBatchSize = 65536;

    public const int MaxTrainLimit = 10_000_000;

    /// <summary>A model's memory grows with the square of its width: four times the authors' width is sixteen times their model.</summary>
    public const int HiddenFactor = 4;

    public const int MaxTensors = 100_000;

    public const int MaxSteps = 10_000;

    /// <summary>
    /// As many threads as the machine has logical cores (what <see cref="Environment.ProcessorCount"/> counts, within a
    /// container's CPU limit): the work is arithmetic, so threads beyond the cores only take turns on them, and each
    /// costs a stack and a share of every parallel loop's start.
    /// </summary>
    public static int Threads(int threads) => OptionCheck.Between(threads, 1, Environment.ProcessorCount, "--threads",
        $"this machine's {Environment.ProcessorCount} logical cores; more threads would only take turns on them");

    public static int Seeds(int seeds) =>
        OptionCheck.Between(seeds, 1, MaxSeeds, "--seeds", "each seed is one more full training run per optimizer and learning rate");

    public static int Epochs(int epochs) =>
        OptionCheck.Between(epochs, 1, MaxEpochs, "--epochs", "ten times the longest recipe here, the authors' 200 CIFAR epochs");

    public static int BatchSize(int batchSize) =>
        OptionCheck.Between(batchSize, 1, MaxBatchSize, "--batch-size", "more than any task's training split holds");

    /// <summary>0 means every training example.</summary>
    public static int TrainLimit(int trainLimit) =>
        OptionCheck.Between(trainLimit, 0, MaxTrainLimit, "--train-limit", "more examples than any task's data holds; 0 takes them all");

    public static int Tensors(int tensors) =>
        OptionCheck.Between(tensors, 1, MaxTensors, "--tensors", "far more tensors than any model here has");

    public static int Steps(int steps) =>
        OptionCheck.Between(steps, 1, MaxSteps, "--steps", "each timed step also runs a triad over every parameter");

    /// <summary>
    /// What `bench` holds per parameter at most: the heaviest chosen optimizer's bytes moved per step (which count the
    /// parameter, its gradient and every state buffer at least once) and the triad's three arrays.
    /// </summary>
    public static long BenchBytesPerParameter(IEnumerable<OptimizerSpec> optimizers) =>
        optimizers.Max(o => o.BytesPerElement) + (long)StreamTriad.BytesPerElement;

    /// <summary>As many parameters as this machine's memory (a container's limit, if any) holds at <see cref="BenchBytesPerParameter"/> each.</summary>
    public static long BenchParameters(long parameters, IReadOnlyList<OptimizerSpec> optimizers)
    {
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long bytes = BenchBytesPerParameter(optimizers);
        // Half the memory: the runtime, LibTorch and whatever else runs need the rest, and the kernel kills a process
        // that takes it all rather than failing an allocation.
        return OptionCheck.Between(parameters, 1, available / 2 / bytes, "--parameters", string.Create(CultureInfo.InvariantCulture,
            $"the bench holds up to {bytes} bytes per parameter, the optimizers' step traffic and the triad's arrays, in at most half of this machine's {available / 1e9:F1} GB"));
    }
}
