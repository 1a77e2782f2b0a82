namespace AdaMomentumSharp;

/// <summary>
/// Holds an object for one operation until disposed. An operation that another thread starts meanwhile is refused
/// with <see cref="InvalidOperationException"/> before it changes anything, as the TorchSharp optimizer refuses a
/// second <c>step()</c>, instead of interleaving its writes with this one's.
/// </summary>
internal readonly ref struct ExclusiveUse
{
    private readonly ref string? running;

    /// <param name="running">The holder's field naming the operation under way; null while none is.</param>
    /// <param name="operation">The operation about to start, as the refusal of another one names it.</param>
    /// <param name="holder">What to use from one thread at a time, as the refusal names it.</param>
    /// <exception cref="InvalidOperationException">Another operation is under way.</exception>
    public ExclusiveUse(ref string? running, string operation, string holder)
    {
        if (Interlocked.CompareExchange(ref running, operation, null) is string other)
        {
            throw new InvalidOperationException($"{other} is already running on another thread; use {holder} from one thread at a time.");
        }
        this.running = ref running;
    }

    public void Dispose() => Volatile.Write(ref running, null);
}
