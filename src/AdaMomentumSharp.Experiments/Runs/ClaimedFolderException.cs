namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// A results folder, or a run in it, belongs to another command: one made with other settings, or one training that run
/// now. The command that gets it changes nothing in the folder, even one that did not exist when it started.
/// </summary>
public sealed class ClaimedFolderException(string message) : InvalidOperationException(message);
