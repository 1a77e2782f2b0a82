namespace AdaMomentumSharp.Tests;

/// <summary>A memory stream that remembers the largest single read or write asked of it.</summary>
/// <remarks>
/// Only the array overloads are overridden: a type derived from <see cref="MemoryStream"/> gets its span
/// overloads routed through them, with the same count.
/// </remarks>
internal sealed class RecordingStream : MemoryStream
{
    public RecordingStream()
    {
    }

    public RecordingStream(byte[] contents)
        : base(contents)
    {
    }

    public int LargestWrite { get; private set; }

    public int LargestRead { get; private set; }

    public override void Write(byte[] buffer, int offset, int count)
    {
        LargestWrite = Math.Max(LargestWrite, count);
        base.Write(buffer, offset, count);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        LargestRead = Math.Max(LargestRead, count);
        return base.Read(buffer, offset, count);
    }
}
