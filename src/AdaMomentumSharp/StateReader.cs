using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace AdaMomentumSharp;

/// <summary>
/// Reads the little-endian fields of a saved state while hashing every byte, turning an early end of the stream
/// into <see cref="InvalidDataException"/>. On a seekable stream it knows how many bytes are left, so that a length
/// the stream cannot hold is refused before anything is allocated for it.
/// </summary>
/// <remarks>Arrays come from the stream in <see cref="ElementSlices"/> of at most <c>chunkBytes</c>.</remarks>
internal sealed class StateReader
{
    private readonly Stream source;
    private readonly NonCryptographicHashAlgorithm hash;
    private readonly int chunkBytes;
    private readonly long? available;
    private long consumed;

    public StateReader(Stream source, NonCryptographicHashAlgorithm hash, int chunkBytes)
    {
        this.source = source;
        this.hash = hash;
        this.chunkBytes = chunkBytes;
        available = source.CanSeek ? source.Length - source.Position : null;
    }

    /// <summary>Fills <paramref name="bytes"/> from <paramref name="stream"/>, or throws that the state is truncated.</summary>
    public static void Fill(Stream stream, Span<byte> bytes)
    {
        try
        {
            stream.ReadExactly(bytes);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The AdaMomentum state stream is truncated: it ended before the state was complete.", e);
        }
    }

    public void ReadBytes(Span<byte> bytes)
    {
        Fill(source, bytes);
        consumed += bytes.Length;
        hash.Append(bytes);
    }

    public byte ReadByte()
    {
        Span<byte> bytes = stackalloc byte[1];
        ReadBytes(bytes);
        return bytes[0];
    }

    /// <summary>A byte that must be 0 or 1; <paramref name="field"/> names it in the error.</summary>
    public bool ReadBoolean(string field) => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"In the AdaMomentum state, {field} is {other}; a flag must be 0 or 1."),
    };

    public int ReadInt32()
    {
        Span<byte> bytes = stackalloc byte[sizeof(int)];
        ReadBytes(bytes);
        return BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    public long ReadInt64()
    {
        Span<byte> bytes = stackalloc byte[sizeof(long)];
        ReadBytes(bytes);
        return BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    public double ReadDouble()
    {
        Span<byte> bytes = stackalloc byte[sizeof(double)];
        ReadBytes(bytes);
        return BinaryPrimitives.ReadDoubleLittleEndian(bytes);
    }

    /// <summary>An i64 byte count of at most <paramref name="maxBytes"/>, then that many UTF-8 bytes.</summary>
    public string ReadString(int maxBytes, string field)
    {
        long length = ReadInt64();
        if (length < 0 || length > maxBytes)
        {
            throw new InvalidDataException($"In the AdaMomentum state, {field} claims {length} bytes; it must have 0 to {maxBytes}.");
        }
        RequireAvailable(length, field);
        var bytes = new byte[length];
        ReadBytes(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    public unsafe void ReadElements<T>(Span<T> values)
        where T : unmanaged
    {
        foreach (Range slice in ElementSlices.Of(values.Length, sizeof(T), chunkBytes))
        {
            ReadBytes(MemoryMarshal.AsBytes(values[slice]));
        }
    }

    /// <summary>Throws that the state is truncated when the stream is known to hold fewer than <paramref name="bytes"/> more bytes.</summary>
    public void RequireAvailable(long bytes, string what)
    {
        if (available is long total && bytes > total - consumed)
        {
            throw new InvalidDataException(
                $"The AdaMomentum state stream is truncated: {what} needs {bytes} bytes but only {total - consumed} are left.");
        }
    }

    /// <summary>Reads the checksum trailer and compares it with the hash of everything read before it.</summary>
    public void VerifyChecksum()
    {
        Span<byte> computed = stackalloc byte[hash.HashLengthInBytes];
        hash.GetCurrentHash(computed);
        Span<byte> stored = stackalloc byte[hash.HashLengthInBytes];
        Fill(source, stored);
        if (!stored.SequenceEqual(computed))
        {
            throw new InvalidDataException("The AdaMomentum state is corrupt: its checksum does not match its contents.");
        }
    }
}
