namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>What <c>--hidden</c> sets on a task's model: its default and what it means there, for help and messages.</summary>
/// <param name="Default">The width the authors use.</param>
/// <param name="Meaning">What the number counts, e.g. "units in each LSTM layer but the last".</param>
public sealed record HiddenWidth(int Default, string Meaning);
