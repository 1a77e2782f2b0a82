using System.Text.Json.Serialization;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// One epoch's checkpoint as the manifest lists it: its folder and the checksum (<see cref="FileChecksum"/>) of every
/// file in it.
/// </summary>
/// <param name="Sha256">What manifests written before the project had one checksum hold instead of
/// <paramref name="Checksums"/>: SHA-256 in upper-case hex. Read so that those runs still resume; never written.</param>
public sealed record CheckpointEntry(
    int Epoch,
    string Folder,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Checksums = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Sha256 = null)
{
    /// <summary>Whether <paramref name="path"/>, the checkpoint's file <paramref name="file"/>, has the checksum this entry recorded.</summary>
    public bool Matches(string file, string path) =>
        Checksums is not null
            ? Checksums.TryGetValue(file, out string? expected) && expected == FileChecksum.Of(path)
            : Sha256 is not null && Sha256.TryGetValue(file, out string? legacy) && legacy == LegacySha256(path);

    private static string LegacySha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream));
    }
}
