using System.Text.Json.Serialization;
using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// Everything that shapes a comparison's numbers apart from optimizer, learning rate and seed; stored beside the
/// results so that a resumed run can refuse a folder made with other settings.
/// </summary>
public sealed record ExperimentSettings(
    string Task, int Epochs, int BatchSize, int? TrainLimit, int Layers, string Schedule, double WeightDecay, double Eps, string DataDirectory,
    int? Hidden = null, string Device = "cpu")
{
    /// <summary>What the task reads of these settings to load its data and build its networks (derived, so not stored).</summary>
    [JsonIgnore]
    public TaskSettings TaskSettings => new(DataDirectory, TrainLimit, Layers, Hidden, Device);
}
