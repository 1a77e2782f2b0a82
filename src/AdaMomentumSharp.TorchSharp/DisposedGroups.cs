using System.Collections;
using TorchSharp.Modules;

namespace AdaMomentumSharp;

/// <summary>
/// The parameter-group list of a disposed optimizer of the family (<see cref="AdaptiveOptimizer{TOptions, TState}"/>): every use throws <see cref="ObjectDisposedException"/>.
/// TorchSharp's non-virtual members (<c>to(device)</c>, the <c>BinaryWriter</c> checkpoint methods) read the groups
/// directly, so this is what makes them refuse too instead of touching disposed state.
/// </summary>
internal sealed class DisposedGroups : IList<ParamGroup>
{
    public int Count => throw Disposed();

    public bool IsReadOnly => true;

    public ParamGroup this[int index]
    {
        get => throw Disposed();
        set => throw Disposed();
    }

    public IEnumerator<ParamGroup> GetEnumerator() => throw Disposed();

    IEnumerator IEnumerable.GetEnumerator() => throw Disposed();

    public void Add(ParamGroup item) => throw Disposed();

    public void Clear() => throw Disposed();

    public bool Contains(ParamGroup item) => throw Disposed();

    public void CopyTo(ParamGroup[] array, int arrayIndex) => throw Disposed();

    public int IndexOf(ParamGroup item) => throw Disposed();

    public void Insert(int index, ParamGroup item) => throw Disposed();

    public bool Remove(ParamGroup item) => throw Disposed();

    public void RemoveAt(int index) => throw Disposed();

    private static ObjectDisposedException Disposed() => new(nameof(AdaMomentum));
}
