using System.IO.Hashing;

namespace AdaMomentumSharp.Files;

/// <summary>
/// The one integrity check of the files this project writes: XxHash3, 64-bit, seed 0, the hash the core's state
/// format and the TorchSharp checkpoint envelope embed. Its text form, where a file's checksum is stored beside it
/// (a run's checkpoint manifest, the FID classifier's weights), is 16 lower-case hex digits.
/// </summary>
/// <remarks>A check against corruption (torn writes, bit rot, truncation), not against tampering.</remarks>
public static class FileChecksum
{
    /// <summary>The checksum of the whole file at <paramref name="path"/>, as text.</summary>
    public static string Of(string path)
    {
        var hash = new XxHash3();
        using FileStream stream = File.OpenRead(path);
        hash.Append(stream);
        return Text(hash.GetCurrentHashAsUInt64());
    }

    /// <summary>The checksum of <paramref name="bytes"/>, as text.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Text(XxHash3.HashToUInt64(bytes));

    /// <summary>The text form of a checksum: 16 lower-case hex digits.</summary>
    public static string Text(ulong checksum) => checksum.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
