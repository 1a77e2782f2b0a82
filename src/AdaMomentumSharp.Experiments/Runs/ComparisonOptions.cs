using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>What `adamomentum compare` was asked to do, parsed and checked.</summary>
public sealed record ComparisonOptions(
    ExperimentTask Task,
    IReadOnlyList<OptimizerSpec> Optimizers,
    int Epochs,
    IReadOnlyList<int> Seeds,
    int BatchSize,
    IReadOnlyDictionary<string, double> LrOverrides,
    IReadOnlyList<double> LrGridFactors,
    int? TrainLimit,
    string DataDirectory,
    string OutputDirectory,
    int Layers,
    string Schedule,
    int? Hidden = null,
    string Device = "cpu",
    string Protocol = Runs.Protocol.Tuned,
    IReadOnlyList<(string Name, double Value)>? EpsOverrides = null,
    IReadOnlyList<(string Name, double Value)>? WeightDecayOverrides = null,
    bool Diagnostics = false)
{
    public ExperimentSettings Settings => new(
        Task.Name, Epochs, BatchSize, TrainLimit, Layers, Schedule, Recipe.WeightDecay, Recipe.Eps,
        CanonicalPath.Of(DataDirectory), Hidden, Device, Protocol, NamedValues.Format(EpsOverrides ?? []),
        NamedValues.Format(WeightDecayOverrides ?? []), Recipe.ActivationRegularization, Recipe.TemporalActivationRegularization,
        Recipe.LrScaledByWindow);

    private TrainingDefaults Recipe => Task.Recipe.Defaults;

    /// <summary>What the task reads to load its data and build its networks.</summary>
    public TaskSettings TaskSettings => Settings.TaskSettings;

    /// <summary>
    /// Reads the task's data once and lets it go: a command that leaves the training to other processes (`sweep plan`,
    /// `compare --jobs`) then ends on a missing or damaged file before it writes or starts anything, not in every worker.
    /// </summary>
    public void CheckData(CancellationToken cancellation)
    {
        using (Task.LoadData(TaskSettings, cancellation))
        {
        }
    }

    /// <summary>The learning rate an optimizer starts from: the user's, or the task's recipe's default.</summary>
    public double BaseLr(OptimizerSpec spec) =>
        LrOverrides.TryGetValue(spec.Name, out double lr) ? lr : Runs.Protocol.BaseLr(Task.Recipe, Settings, spec);
}
