namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>One epoch's checkpoint as the manifest lists it: its folder and the SHA-256 (hex) of every file in it.</summary>
public sealed record CheckpointEntry(int Epoch, string Folder, IReadOnlyDictionary<string, string> Sha256);
