namespace AdaMomentumSharp;

/// <summary>
/// A read-only view of <paramref name="length"/> bytes of a seekable stream from <paramref name="start"/>: a parser
/// reading a verified payload in place meets the end of the payload, not the bytes after it. Disposing it puts the
/// source at <paramref name="positionAfter"/>.
/// </summary>
internal sealed class StreamWindow(Stream source, long start, long length, long positionAfter) : Stream
{
    private long position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(Position), value, "Must be ≥ 0.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int count = (int)Math.Min(buffer.Length, Math.Max(0, length - position));
        if (count == 0)
        {
            return 0;
        }
        source.Position = start + position;
        int read = source.Read(buffer[..count]);
        position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Must be Begin, Current or End."),
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Position = positionAfter;
        }
        base.Dispose(disposing);
    }
}
