using System.Text;

namespace AdaMomentumSharp;

/// <summary>
/// Reads of small checkpoint values that refuse what <see cref="BinaryReader"/> would accept: a flag other than 0
/// or 1, a name longer than any name we write, bytes that are not UTF-8.
/// </summary>
internal static class CheckpointPrimitives
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a flag written by <see cref="BinaryWriter.Write(bool)"/>, refusing any byte but 0 and 1.</summary>
    public static bool ReadFlag(BinaryReader reader, string what) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"The checkpoint's {what} is 0x{other:X2}, not a flag (0 or 1)."),
    };

    /// <summary>
    /// Reads a name written by <see cref="BinaryWriter.Write(string)"/> (a 7-bit encoded byte count, then UTF-8), refusing
    /// names longer than <paramref name="maxBytes"/> before reading them.
    /// </summary>
    public static string ReadName(BinaryReader reader, int maxBytes, string what) =>
        ReadName(reader, reader.Read7BitEncodedInt(), maxBytes, what);

    /// <summary>Reads the UTF-8 bytes of a name whose byte count the caller has already read.</summary>
    public static string ReadName(BinaryReader reader, long length, int maxBytes, string what)
    {
        if (length < 0 || length > maxBytes)
        {
            throw new InvalidDataException($"The checkpoint's {what} is {length} bytes long; names here are at most {maxBytes}.");
        }
        byte[] bytes = reader.ReadBytes((int)length);
        if (bytes.Length < length)
        {
            throw new EndOfStreamException($"The checkpoint ends inside its {what}.");
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"The checkpoint's {what} is not UTF-8.", e);
        }
    }

    /// <summary>The bytes <see cref="BinaryWriter.Write(string)"/> writes for <paramref name="name"/>.</summary>
    public static int NameSize(string name)
    {
        int bytes = StrictUtf8.GetByteCount(name), prefix = 1;
        for (int rest = bytes >> 7; rest > 0; rest >>= 7)
        {
            prefix++;
        }
        return prefix + bytes;
    }
}
