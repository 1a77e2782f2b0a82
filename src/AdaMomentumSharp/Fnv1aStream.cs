namespace AdaMomentumSharp;

/// <summary>
/// Passes reads or writes through to an inner stream while hashing every byte with 64-bit FNV-1a,
/// so a saved state can carry a checksum without holding a second copy in memory.
/// </summary>
internal sealed class Fnv1aStream(Stream inner) : Stream
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public ulong Hash { get; private set; } = OffsetBasis;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = inner.Read(buffer);
        Mix(buffer[..read]);
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Mix(buffer);
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Mix(ReadOnlySpan<byte> bytes)
    {
        ulong hash = Hash;
        foreach (byte b in bytes)
        {
            hash = (hash ^ b) * Prime;
        }
        Hash = hash;
    }
}
