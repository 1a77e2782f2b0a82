namespace AdaMomentumSharp;

/// <summary>Reads the unsigned LEB128 integers TorchSharp's optimizer checkpoints use for counts.</summary>
internal static class Leb128
{
    public static long Read(BinaryReader reader)
    {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = reader.ReadByte();
            result |= (long)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return result;
            }
        }
        throw new InvalidDataException("A count in the checkpoint is longer than 64 bits.");
    }
}
