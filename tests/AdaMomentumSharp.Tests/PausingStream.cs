namespace AdaMomentumSharp.Tests;

/// <summary>
/// A memory stream whose first read or write waits until the test lets it go, so that a test can act while a save
/// or load is under way on another thread.
/// </summary>
/// <remarks>As in <see cref="RecordingStream"/>, the span overloads of a derived memory stream come through the array ones.</remarks>
internal sealed class PausingStream : MemoryStream
{
    private readonly ManualResetEventSlim entered = new(), released = new();
    private bool paused;

    public PausingStream()
    {
    }

    public PausingStream(byte[] contents)
        : base(contents)
    {
    }

    /// <summary>Waits until the stream is paused in its first read or write.</summary>
    public void WaitUntilPaused() => Assert.True(entered.Wait(TimeSpan.FromSeconds(30)), "the stream was never read or written");

    public void Release() => released.Set();

    public override void Write(byte[] buffer, int offset, int count)
    {
        PauseOnce();
        base.Write(buffer, offset, count);
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        PauseOnce();
        return base.Read(buffer, offset, count);
    }

    private void PauseOnce()
    {
        if (!paused)
        {
            paused = true;
            entered.Set();
            released.Wait();
        }
    }
}
