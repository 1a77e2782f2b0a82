using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace AdaMomentumSharp;

/// <summary>
/// Writes the little-endian fields of a saved state to a stream while hashing every byte, so that the checksum
/// needs no second copy of the state.
/// </summary>
/// <remarks>Arrays go to the stream in <see cref="ElementSlices"/> of at most <c>chunkBytes</c>.</remarks>
internal sealed class StateWriter(Stream destination, NonCryptographicHashAlgorithm hash, int chunkBytes)
{
    private byte[]? copy;

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        hash.Append(bytes);
        destination.Write(bytes);
    }

    public void WriteByte(byte value) => WriteBytes([value]);

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt32(int value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    public void WriteInt64(long value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    public void WriteDouble(double value)
    {
        Span<byte> bytes = stackalloc byte[sizeof(double)];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        WriteBytes(bytes);
    }

    /// <summary>An i64 byte count, then the UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(value);
        WriteInt64(bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>
    /// Writes each slice through a copy, so that the bytes hashed are the bytes written even if something changes
    /// <paramref name="values"/> meanwhile: a state that changed while it was saved must not get a checksum it fails.
    /// </summary>
    public unsafe void WriteElements<T>(ReadOnlySpan<T> values)
        where T : unmanaged
    {
        foreach (Range slice in ElementSlices.Of(values.Length, sizeof(T), chunkBytes))
        {
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(values[slice]);
            if (copy is null || copy.Length < bytes.Length)
            {
                copy = new byte[bytes.Length];
            }
            bytes.CopyTo(copy);
            WriteBytes(copy.AsSpan(0, bytes.Length));
        }
    }

    /// <summary>The hash of every byte written so far, as <see cref="NonCryptographicHashAlgorithm.GetCurrentHash(Span{byte})"/> gives it.</summary>
    public void WriteChecksum()
    {
        Span<byte> checksum = stackalloc byte[hash.HashLengthInBytes];
        hash.GetCurrentHash(checksum);
        destination.Write(checksum);
    }
}
