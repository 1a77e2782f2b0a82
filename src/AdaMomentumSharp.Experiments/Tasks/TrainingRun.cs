using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// What one run of a task trains, made by <see cref="ExperimentTask.CreateRun"/>: its networks and their optimizers
/// (named, for checkpoints), one pass over the training batches and the evaluation of a split. A classifier has one
/// network and one optimizer (<see cref="SupervisedRun"/>); a GAN two of each (<see cref="GanRun"/>). The trainer owns the
/// epochs, schedules, checkpoints and progress around it.
/// </summary>
public abstract class TrainingRun : IDisposable
{
    /// <summary>The networks, by the names their checkpoint files take (e.g. "model", or "generator" and "discriminator").</summary>
    public abstract IReadOnlyList<(string Name, nn.Module Module)> Modules { get; }

    /// <summary>The optimizers, by the names their checkpoint files take; the first one's learning rate is the one reported.</summary>
    public abstract IReadOnlyList<(string Name, optim.Optimizer Optimizer)> Optimizers { get; }

    /// <summary>One pass over <paramref name="batches"/>; returns the mean training loss per example.</summary>
    /// <param name="batchFinished">Called after every step with that batch's loss.</param>
    public abstract double TrainEpoch(IEnumerable<(Tensor Input, Tensor Target)> batches, Action<double> batchFinished, CancellationToken cancellation);

    /// <summary>The mean loss and the recipe's metric over <paramref name="split"/>, without changing any weight or random generator state a later epoch reads.</summary>
    public abstract (double Loss, double Metric) Evaluate(DataSplit split, CancellationToken cancellation);

    /// <summary>Writes what a finished run leaves besides its numbers (a GAN's sample grid) under <paramref name="directory"/>, named after <paramref name="runKey"/>.</summary>
    public virtual void WriteArtifacts(string directory, string runKey)
    {
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var (_, optimizer) in Optimizers)
            {
                optimizer.Dispose();
            }
            foreach (var (_, module) in Modules)
            {
                module.Dispose();
            }
        }
    }

    /// <summary>Clips the gradients of <paramref name="module"/> to a total norm when <paramref name="maxNorm"/> is positive.</summary>
    protected static void ClipGradients(nn.Module module, double maxNorm)
    {
        if (maxNorm > 0)
        {
            nn.utils.clip_grad_norm_(module.parameters(), maxNorm);
        }
    }
}
