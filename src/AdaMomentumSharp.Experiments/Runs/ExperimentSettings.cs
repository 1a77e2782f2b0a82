using System.Text.Json.Serialization;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// Everything that shapes a comparison's numbers apart from optimizer, learning rate and seed; stored beside the
/// results so that a resumed run can refuse a folder made with other settings. Settings added after the first
/// folders were written have the defaults those folders were made with.
/// </summary>
/// <param name="WeightDecay">The recipe's weight decay; <see cref="Protocol"/> gives each optimizer's.</param>
/// <param name="Eps">The recipe's eps; <see cref="Protocol"/> gives each optimizer's.</param>
/// <param name="Protocol">How each optimizer's rate, eps and weight decay are set (<see cref="Experiments.Protocol"/>).</param>
/// <param name="EpsOverrides">--eps as <see cref="NamedValues"/>; null when not given.</param>
/// <param name="WeightDecayOverrides">--weight-decay as <see cref="NamedValues"/>; null when not given.</param>
public sealed record ExperimentSettings(
    string Task, int Epochs, int BatchSize, int? TrainLimit, int Layers, string Schedule, double WeightDecay, double Eps, string DataDirectory,
    int? Hidden = null, string Device = "cpu", string Protocol = Runs.Protocol.Tuned, string? EpsOverrides = null,
    string? WeightDecayOverrides = null, double ActivationRegularization = 0, double TemporalActivationRegularization = 0,
    bool LrScaledByWindow = false)
{
    /// <summary>What the task reads of these settings to load its data and build its networks (derived, so not stored).</summary>
    [JsonIgnore]
    public TaskSettings TaskSettings => new(DataDirectory, TrainLimit, Layers, Hidden, Device);
}
