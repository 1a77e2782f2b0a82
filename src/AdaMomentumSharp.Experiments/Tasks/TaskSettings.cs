namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>What a task needs to know to load its data and build its networks.</summary>
/// <param name="DataDirectory">Where the task's data lives.</param>
/// <param name="TrainLimit">Use only the first N training examples (images or text windows); null for all.</param>
/// <param name="Layers">Recurrent or Transformer layers, for the language models.</param>
/// <param name="Hidden">The model's width (<see cref="ExperimentTask.Hidden"/>); null for the task's default.</param>
/// <param name="Device">Where the networks and batches live: "cpu" or "cuda".</param>
public sealed record TaskSettings(string DataDirectory, int? TrainLimit = null, int Layers = 1, int? Hidden = null, string Device = "cpu");
