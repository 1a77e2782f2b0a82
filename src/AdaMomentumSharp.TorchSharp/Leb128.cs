namespace AdaMomentumSharp;

/// <summary>
/// Reads unsigned LEB128 integers: the counts and tensor headers of TorchSharp's optimizer checkpoints, and the
/// length prefix of <see cref="BinaryWriter.Write(string)"/>, which is the same encoding.
/// </summary>
internal static class Leb128
{
    // Nine groups of seven bits hold any non-negative long; a tenth byte can only mean a corrupt stream.
    private const int MaxBytes = 9;

    public static long Read(BinaryReader reader) => Read(reader, reader.ReadByte());

    /// <summary>Reads an integer whose first byte the caller has already taken from the stream.</summary>
    public static long Read(BinaryReader reader, byte first)
    {
        long result = 0;
        byte b = first;
        for (int i = 0; i < MaxBytes; i++)
        {
            result |= (long)(b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0)
            {
                return result;
            }
            b = reader.ReadByte();
        }
        throw new InvalidDataException($"A count in the checkpoint is longer than {MaxBytes} bytes (63 bits).");
    }
}
