using System.Buffers.Binary;
using System.IO.Hashing;

namespace AdaMomentumSharp;

/// <summary>
/// The versioned checkpoint around a payload:
/// <code>
/// magic   8 bytes  89 41 44 41 4D 4F 4D 0A  ("\x89ADAMOM\n": an AdaMomentum payload; not text, not TorchSharp's layout, which starts 0B)
///              or 89 41 44 41 50 54 56 0A  ("\x89ADAPTV\n": another optimizer's payload, which starts with its name)
/// version int32    1
/// length  int64    payload bytes
/// payload length bytes
/// check   uint64   XxHash3 (64-bit, seed 0) of every byte before it, magic included
/// </code>
/// All integers little-endian. The checksum is verified before the payload is parsed, so a corrupt checkpoint is
/// refused before any tensor is made.
/// </summary>
internal static class CheckpointEnvelope
{
    public const int Version = 1;

    private const int HeaderBytes = 8 + sizeof(int) + sizeof(long), ChecksumBytes = sizeof(ulong), CopyBufferBytes = 1 << 20;

    /// <summary>The first eight bytes of AdaMomentum's versioned checkpoints, whose payload has no optimizer name (as it always had).</summary>
    public static ReadOnlySpan<byte> Magic => [0x89, (byte)'A', (byte)'D', (byte)'A', (byte)'M', (byte)'O', (byte)'M', (byte)'\n'];

    /// <summary>The first eight bytes of every other optimizer's, whose payload starts with its name; the first byte is <see cref="Magic"/>'s.</summary>
    public static ReadOnlySpan<byte> NamedMagic => [0x89, (byte)'A', (byte)'D', (byte)'A', (byte)'P', (byte)'T', (byte)'V', (byte)'\n'];

    /// <summary>
    /// Writes header, payload and checksum to <paramref name="target"/>; <paramref name="writePayload"/> must write
    /// exactly <paramref name="payloadLength"/> bytes.
    /// </summary>
    public static void Write(Stream target, bool named, long payloadLength, Action<BinaryWriter> writePayload)
    {
        var hash = new XxHash3();
        Span<byte> header = stackalloc byte[HeaderBytes];
        (named ? NamedMagic : Magic).CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], Version);
        BinaryPrimitives.WriteInt64LittleEndian(header[12..], payloadLength);
        target.Write(header);
        hash.Append(header);

        var hashing = new HashingWriteStream(target, hash);
        using (var writer = new BinaryWriter(hashing, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writePayload(writer);
        }
        if (hashing.Written != payloadLength)
        {
            throw new InvalidOperationException($"The checkpoint payload was computed as {payloadLength} bytes but {hashing.Written} were written.");
        }
        Span<byte> checksum = stackalloc byte[ChecksumBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(checksum, hash.GetCurrentHashAsUInt64());
        target.Write(checksum);
    }

    /// <summary>
    /// Reads the rest of a versioned checkpoint whose first byte (<see cref="Magic"/>[0]) was already taken, verifies
    /// its checksum and returns whether its payload is named (<see cref="NamedMagic"/>) and the payload to parse. A seekable source is hashed in place, then read in place through
    /// the returned stream (disposing it leaves the source after the checkpoint); any other is copied into memory,
    /// no more than the declared length.
    /// </summary>
    /// <exception cref="InvalidDataException">Wrong magic or version, truncated, or the checksum does not match.</exception>
    public static (bool Named, Stream Payload) ReadVerifiedPayload(Stream source)
    {
        var hash = new XxHash3();
        byte[] header = new byte[HeaderBytes];
        header[0] = Magic[0];
        source.ReadExactly(header, 1, HeaderBytes - 1);
        bool named = header.AsSpan(0, 8).SequenceEqual(NamedMagic);
        if (!named && !header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new InvalidDataException(
                $"The stream starts {Convert.ToHexString(header, 0, 8)}, neither a checkpoint of this package ({Convert.ToHexString(Magic)} " +
                $"or {Convert.ToHexString(NamedMagic)}) nor TorchSharp's layout.");
        }
        int version = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        if (version != Version)
        {
            throw new InvalidDataException($"The checkpoint has format version {version}; this version of the package reads version {Version}.");
        }
        long length = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(12));
        if (length < 0)
        {
            throw new InvalidDataException($"The checkpoint declares a payload of {length} bytes.");
        }
        hash.Append(header);
        Stream payload = source.CanSeek ? HashInPlace(source, length, hash) : CopyAndHash(source, length, hash);
        Span<byte> stored = stackalloc byte[ChecksumBytes];
        source.ReadExactly(stored);
        ulong expected = BinaryPrimitives.ReadUInt64LittleEndian(stored), actual = hash.GetCurrentHashAsUInt64();
        if (expected != actual)
        {
            payload.Dispose();
            throw new InvalidDataException($"The checkpoint is corrupt: its checksum is {expected:X16} but its contents hash to {actual:X16}.");
        }
        return (named, payload);
    }

    private static StreamWindow HashInPlace(Stream source, long length, XxHash3 hash)
    {
        long start = source.Position;
        if (source.Length - start < length + ChecksumBytes)
        {
            throw new EndOfStreamException($"The checkpoint declares {length} bytes of payload but only {source.Length - start} bytes follow its header.");
        }
        Hash(source, length, hash, copy: null);
        return new StreamWindow(source, start, length, positionAfter: start + length + ChecksumBytes);
    }

    private static MemoryStream CopyAndHash(Stream source, long length, XxHash3 hash)
    {
        if (length > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"The checkpoint declares a payload of {length} bytes, more than a non-seekable stream can be held in memory to verify; load it from a file.");
        }
        // Grows as bytes arrive: a corrupt length runs into the end of the stream, not into a huge allocation.
        var copy = new MemoryStream();
        Hash(source, length, hash, copy);
        copy.Position = 0;
        return copy;
    }

    private static void Hash(Stream source, long length, XxHash3 hash, MemoryStream? copy)
    {
        byte[] buffer = new byte[(int)Math.Min(length, CopyBufferBytes)];
        for (long left = length; left > 0;)
        {
            int read = (int)Math.Min(left, buffer.Length);
            source.ReadExactly(buffer, 0, read);
            hash.Append(buffer.AsSpan(0, read));
            copy?.Write(buffer, 0, read);
            left -= read;
        }
    }
}
