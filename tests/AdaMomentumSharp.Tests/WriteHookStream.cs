namespace AdaMomentumSharp.Tests;

/// <summary>
/// A memory stream that runs an action at the start of every span write, before it copies the bytes it was given
/// (the array overload, which the span one otherwise reaches through a copy, is left as it is).
/// </summary>
internal sealed class WriteHookStream(Action beforeEachWrite) : MemoryStream
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        beforeEachWrite();
        byte[] bytes = buffer.ToArray();
        base.Write(bytes, 0, bytes.Length);
    }
}
