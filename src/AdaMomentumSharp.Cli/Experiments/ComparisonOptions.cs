using AdaMomentumSharp.Cli.Optimizers;
using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Experiments;

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
    string Device = "cpu")
{
    public ExperimentSettings Settings => new(
        Task.Name, Epochs, BatchSize, TrainLimit, Layers, Schedule, Task.Recipe.Defaults.WeightDecay, Task.Recipe.Defaults.Eps,
        CanonicalPath.Of(DataDirectory), Hidden, Device);

    /// <summary>What the task reads to load its data and build its networks.</summary>
    public TaskSettings TaskSettings => Settings.TaskSettings;

    /// <summary>The learning rate an optimizer starts from: the user's, or the task's recipe's default.</summary>
    public double BaseLr(OptimizerSpec spec) => LrOverrides.TryGetValue(spec.Name, out double lr) ? lr : Task.Recipe.DefaultLr(spec);
}
