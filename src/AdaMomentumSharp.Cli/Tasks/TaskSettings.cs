namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>What a task needs to know to load its data and build its model.</summary>
/// <param name="DataDirectory">Where the task's data lives.</param>
/// <param name="TrainLimit">Use only the first N training examples (images or text windows); null for all.</param>
/// <param name="Layers">Recurrent or Transformer layers, for the language models.</param>
public sealed record TaskSettings(string DataDirectory, int? TrainLimit = null, int Layers = 1);
