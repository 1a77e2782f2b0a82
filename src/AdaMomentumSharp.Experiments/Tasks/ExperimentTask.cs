using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// A training task: its data, what a run of it trains (<see cref="TrainingRun"/>), its family's <see cref="TaskRecipe"/>
/// (loss, metric, training defaults and learning rates) and the run length that fits a 2-core machine. Adding a task
/// means writing one subclass (of <see cref="SupervisedTask"/> for one network trained on labelled batches) and listing
/// it in <see cref="TaskRegistry"/>; adding a family means writing one recipe.
/// </summary>
public abstract class ExperimentTask
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract TaskRecipe Recipe { get; }

    /// <summary>The most layers <c>--layers</c> may ask of this task's model (1: the model has no such choice).</summary>
    public virtual int MaxLayers => 1;

    /// <summary>The model's width when <c>--hidden</c> is not given, and what the option means here; null: the model has no such choice.</summary>
    public virtual HiddenWidth? Hidden => null;

    public abstract string DefaultDataDirectory { get; }

    public abstract int DefaultEpochs { get; }

    public abstract int DefaultBatchSize { get; }

    /// <summary>The learning-rate schedule used when the user gives no --schedule (a name in <c>LrSchedule.Names</c>).</summary>
    public virtual string DefaultSchedule => "step";

    /// <summary>Training examples used when the user gives no --train-limit (null: all of them).</summary>
    public virtual int? DefaultTrainLimit => null;

    /// <summary>What loading the data may also do that takes a while, appended to the "Loading" message (empty: nothing).</summary>
    public virtual string LoadingNote => "";

    /// <summary>Loads the task's data (once per comparison).</summary>
    public TaskData LoadData(TaskSettings settings) => LoadData(settings, CancellationToken.None);

    /// <summary>
    /// Loads the task's data; what takes long in it (training a GAN's feature classifier) stops between two batches when
    /// cancelled. A file of the data folder this user may not read is told as one, naming the file, the folder and what
    /// to do, instead of .NET's "Access to the path … is denied", whichever command loads it.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled; nothing is cached.</exception>
    /// <exception cref="DataFileException">A data file is missing, malformed or cannot be read.</exception>
    public TaskData LoadData(TaskSettings settings, CancellationToken cancellation)
    {
        try
        {
            return Load(settings, cancellation);
        }
        catch (UnauthorizedAccessException e)
        {
            // .NET names the file only inside its own sentence: "Access to the path '…' is denied."
            string file = System.Text.RegularExpressions.Regex.Match(e.Message, "'(.+)'") is { Success: true } quoted
                ? $" '{quoted.Groups[1].Value}'"
                : "";
            throw new DataFileException(
                $"{Name}'s data file{file} in '{settings.DataDirectory}' cannot be read ({OsReason.Of(e)}); " +
                "give this user read access to the folder's files, or pass --data with a readable copy.", e);
        }
    }

    /// <summary>The task's own loading, behind <see cref="LoadData(TaskSettings, CancellationToken)"/>.</summary>
    protected abstract TaskData Load(TaskSettings settings, CancellationToken cancellation);

    /// <summary>Freshly initialized networks (seed torch first) on the settings' device, with optimizers from <paramref name="createOptimizer"/>.</summary>
    public abstract TrainingRun CreateRun(TaskData data, TaskSettings settings, OptimizerFactory createOptimizer);
}
