using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// Per-parameter state of an <see cref="AdaptiveOptimizer{TOptions, TState}"/>: the step count and the moment tensors
/// its derived class names in <see cref="Moments"/>, shaped like the parameter and typed by
/// <see cref="MomentPrecision.MomentDtype"/>. Checkpoints, copies, device moves and the checks that a state still fits
/// its parameter are written here once, over those slots.
/// </summary>
/// <remarks>A checkpoint holds the step, then each moment in slot order; an optional slot is preceded by a flag (0 or 1) saying whether it is there.</remarks>
public abstract class AdaptiveState : OptimizerState, IDisposable
{
    /// <summary>Steps applied to this parameter so far.</summary>
    public long step;

    /// <summary>Creates an uninitialized state for <paramref name="parameter"/>.</summary>
    protected AdaptiveState(Parameter parameter)
        : base(parameter)
    {
    }

    /// <summary>One moment tensor of the state: its PyTorch name, and whether it may be absent (an AMSGrad maximum).</summary>
    public sealed record Slot(string Name, bool Optional = false);

    /// <summary>The state's moments, in checkpoint order.</summary>
    protected abstract IReadOnlyList<Slot> Moments { get; }

    /// <summary>The moment in slot <paramref name="slot"/>; null only for an optional slot that is empty.</summary>
    protected abstract Tensor? GetMoment(int slot);

    /// <summary>Replaces the moment in slot <paramref name="slot"/> (without disposing the old one).</summary>
    protected abstract void SetMoment(int slot, Tensor? value);

    internal Parameter Parameter => _parameter;

    /// <summary>The moment called <paramref name="name"/> (null when an optional one is empty), for tests and tools that read states by name.</summary>
    internal Tensor? Moment(string name) => GetMoment(Moments.Select(m => m.Name).ToList().IndexOf(name));

    private string Optimizer => GetType().DeclaringType?.Name ?? GetType().Name;

    /// <summary>Where the fused step last found the moments' memory; see <see cref="MomentMemory"/>.</summary>
    internal MomentMemory? FusedMemory { get; set; }

    /// <summary>
    /// The first moment, the second moment and (null when the state has none, or holds none now) the running maximum: the
    /// three slots every state of the family keeps in this order, as the fused step reads them.
    /// </summary>
    internal (Tensor First, Tensor Second, Tensor? Maximum) FusedMoments =>
        (GetMoment(0)!, GetMoment(1)!, Moments.Count > 2 ? GetMoment(2) : null);

    /// <summary>Disposes the moment tensors.</summary>
    public virtual void Dispose()
    {
        FusedMemory = null;
        for (int i = 0; i < Moments.Count; i++)
        {
            GetMoment(i)?.Dispose();
        }
    }

    /// <summary>A zero moment for this parameter: its shape and device, in <see cref="MomentPrecision.MomentDtype"/>.</summary>
    protected internal Tensor ZeroMoment() => FullMoment(0);

    /// <summary>A moment for this parameter filled with <paramref name="value"/>.</summary>
    protected internal Tensor FullMoment(double value)
    {
        using Scalar fill = value.ToScalar();
        return torch.full_like(_parameter, fill, dtype: MomentPrecision.MomentDtype(_parameter.dtype)).DetachFromDisposeScope();
    }

    /// <summary>Moves the moments to <paramref name="device"/>.</summary>
    public override void to(Device device)
    {
        for (int i = 0; i < Moments.Count; i++)
        {
            SetMoment(i, GetMoment(i)?.to(device, disposeAfter: true).DetachFromDisposeScope());
        }
    }

    /// <summary>Writes the step and the moments in TorchSharp's layout (an optional one after its flag).</summary>
    public override void SaveStateDict(BinaryWriter writer)
    {
        writer.Write(step);
        for (int i = 0; i < Moments.Count; i++)
        {
            if (Moments[i].Optional)
            {
                SaveConditionalStateTensor(writer, GetMoment(i));
            }
            else
            {
                GetMoment(i)!.Save(writer);
            }
        }
    }

    /// <summary>
    /// Reads a state in TorchSharp's layout (<see cref="SaveStateDict(BinaryWriter)"/>) into new tensors, checking
    /// each moment's dtype and shape against the parameter before allocating it, and replacing nothing until all are read.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream's state does not fit this parameter.</exception>
    public override void LoadStateDict(BinaryReader reader) => Load(reader, MomentLayout.TorchSharp);

    /// <summary>Bytes <see cref="WriteVersioned"/> writes.</summary>
    internal long VersionedSize => sizeof(long) + Enumerable.Range(0, Moments.Count).Sum(i =>
        (Moments[i].Optional ? sizeof(bool) : 0) + (GetMoment(i) is Tensor moment ? MomentEncoding.SizeOf(moment) : 0));

    /// <summary>Writes the step and the moments for the versioned checkpoint; see <see cref="MomentEncoding"/>.</summary>
    internal void WriteVersioned(BinaryWriter writer)
    {
        writer.Write(step);
        for (int i = 0; i < Moments.Count; i++)
        {
            Tensor? moment = GetMoment(i);
            if (Moments[i].Optional)
            {
                writer.Write(moment is not null);
            }
            if (moment is not null)
            {
                MomentEncoding.Write(writer, moment);
            }
        }
    }

    /// <summary>Reads a state written by <see cref="WriteVersioned"/>, as <see cref="LoadStateDict(BinaryReader)"/> does.</summary>
    internal void LoadVersioned(BinaryReader reader) => Load(reader, MomentLayout.Versioned);

    private void Load(BinaryReader reader, MomentLayout layout)
    {
        long loadedStep = reader.ReadInt64();
        if (loadedStep < 0 || loadedStep == long.MaxValue)
        {
            throw new InvalidDataException(
                $"The checkpoint's step count {loadedStep} is outside 0 to {long.MaxValue - 1}: the next step could not count it.");
        }
        var loaded = new Tensor?[Moments.Count];
        try
        {
            for (int i = 0; i < loaded.Length; i++)
            {
                Slot slot = Moments[i];
                bool present = !slot.Optional || CheckpointPrimitives.ReadFlag(reader, $"{slot.Name} flag");
                loaded[i] = present ? ReadMoment(reader, slot.Name, layout) : null;
            }
        }
        catch
        {
            Array.ForEach(loaded, m => m?.Dispose());
            throw;
        }
        Dispose();
        Replace(loadedStep, loaded);
    }

    /// <summary>Copies another state of this optimizer (checked first by the optimizer).</summary>
    public override void LoadStateDict(OptimizerState source)
    {
        var other = (AdaptiveState)source;
        Tensor?[] copies = [.. Enumerable.Range(0, Moments.Count)
            .Select(i => other.GetMoment(i)?.to(_parameter.device, copy: true).DetachFromDisposeScope())];
        Dispose();
        Replace(other.step, copies);
    }

    private void Replace(long newStep, Tensor?[] moments)
    {
        step = newStep;
        for (int i = 0; i < moments.Length; i++)
        {
            SetMoment(i, moments[i]);
        }
    }

    /// <summary>True when both states hold the same step and (to allclose) the same moments.</summary>
    public override bool ApproximatelyEquals(OptimizerState other) =>
        other is AdaptiveState rhs && rhs.GetType() == GetType() && step == rhs.step && Enumerable.Range(0, Moments.Count).All(i =>
            GetMoment(i) is Tensor mine ? rhs.GetMoment(i) is Tensor theirs && mine.allclose(theirs) : rhs.GetMoment(i) is null);

    /// <summary>Why <paramref name="other"/> cannot be loaded into this state, or null when it can.</summary>
    internal string? Incompatibility(OptimizerState other)
    {
        if (other is not AdaptiveState rhs || rhs.GetType() != GetType())
        {
            return $"it is a {other.GetType().FullName}, not the state of {Optimizer}";
        }
        if (rhs.step < 0 || rhs.step == long.MaxValue)
        {
            return $"its step count {rhs.step} is outside 0 to {long.MaxValue - 1}";
        }
        if (rhs.MomentsMissing)
        {
            return "its moment tensors were disposed (or never created)";
        }
        return MismatchOf(rhs);
    }

    private bool MomentsMissing => Enumerable.Range(0, Moments.Count).Any(i =>
        GetMoment(i) is Tensor moment ? moment.IsInvalid : !Moments[i].Optional);

    private Tensor ReadMoment(BinaryReader reader, string name, MomentLayout layout) =>
        MomentEncoding.Read(reader, layout, name, MomentPrecision.MomentDtype(_parameter.dtype), _parameter.shape)
            .to(_parameter.device, disposeAfter: true).DetachFromDisposeScope();

    /// <summary>True when a moment tensor was disposed behind the optimizer's back.</summary>
    internal bool MomentsDisposed => Enumerable.Range(0, Moments.Count).Any(i => GetMoment(i) is { IsInvalid: true });

    /// <summary>
    /// Why this state cannot be stepped with its parameter as the parameter is now (resized, converted or moved in
    /// place since the last step, or disposed), or null when it can.
    /// </summary>
    internal string? StaleAgainstParameter()
    {
        string? why = MismatchOf(this);
        Tensor first = GetMoment(0)!;
        if (why is null && (first.device_type != _parameter.device_type || first.device_index != _parameter.device_index))
        {
            why = $"{Moments[0].Name} is on {first.device} but the parameter is on {_parameter.device}";
        }
        return why is null ? null : $"no longer fits its state: {why} (was it resized, converted or moved in place?)";
    }

    /// <summary>Why <paramref name="state"/>'s moments are not shaped and typed as this parameter's, or null when they are.</summary>
    private string? MismatchOf(AdaptiveState state)
    {
        ScalarType expected = MomentPrecision.MomentDtype(_parameter.dtype);
        for (int i = 0; i < Moments.Count; i++)
        {
            if (state.GetMoment(i) is Tensor moment && (moment.dtype != expected || !moment.shape.SequenceEqual(_parameter.shape)))
            {
                return $"{Moments[i].Name} is {moment.dtype} [{string.Join(", ", moment.shape)}] but this parameter's moments are " +
                       $"{expected} [{string.Join(", ", _parameter.shape)}]";
            }
        }
        return null;
    }
}
