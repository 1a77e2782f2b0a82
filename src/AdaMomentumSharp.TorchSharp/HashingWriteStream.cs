using System.IO.Hashing;

namespace AdaMomentumSharp;

/// <summary>
/// Passes writes on to another stream while hashing and counting them, so a checkpoint's checksum is computed as
/// it is written, without holding the checkpoint in memory.
/// </summary>
internal sealed class HashingWriteStream(Stream target, NonCryptographicHashAlgorithm hash) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    /// <summary>Bytes written so far.</summary>
    public long Written { get; private set; }

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        target.Write(buffer);
        hash.Append(buffer);
        Written += buffer.Length;
    }

    public override void Flush() => target.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
