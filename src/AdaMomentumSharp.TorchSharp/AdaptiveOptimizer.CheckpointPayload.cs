using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>
/// The payload of a versioned checkpoint (see <see cref="CheckpointEnvelope"/> for what surrounds it):
/// <code>
/// name         BinaryWriter string, the optimizer's class name (after <see cref="CheckpointEnvelope.NamedMagic"/> only; <see cref="CheckpointEnvelope.Magic"/>'s is AdaMomentum's)
/// groups       int32
/// per group    parameters (int32), options (<see cref="CheckpointOptions.Write"/>: count, then name, kind, value)
/// per param    step (int64), then each moment of the state's slots, an optional one after a flag (0|1)   (<see cref="MomentEncoding"/>)
/// </code>
/// and the reading of TorchSharp's layout, which AdaMomentum wrote before its checkpoints had versions (and which
/// TorchSharp's own <c>OptimizerHelper.save_state_dict</c> still writes):
/// <code>
/// name           BinaryWriter string (one length byte, then the ASCII)
/// groups, parameters  7-bit encoded (LEB128), as <see cref="BinaryWriter.Write7BitEncodedInt64"/>
/// per group      <see cref="AdaptiveOptions.SaveStateDict(BinaryWriter)"/>: initial_lr, then the options of its layout as bare values
/// per param      <see cref="AdaptiveState.SaveStateDict(BinaryWriter)"/>: step (int64), each moment (an optional one after a flag)
/// </code>
/// That layout has no checksum, so it is read with every check the layout allows: counts, flags, option ranges, and
/// each moment's dtype and shape before it is allocated.
/// </summary>
public abstract partial class AdaptiveOptimizer<TOptions, TState>
{
    // An optimizer's type name, written by BinaryWriter.Write(string), is shorter than 128 bytes, so its length is one
    // byte below 0x80: the first byte of the stream, which tells this layout from the versioned one.
    private const int MaxOptimizerNameBytes = 127;

    /// <summary>Whether the payload starts with the optimizer's name: AdaMomentum keeps the unnamed one its checkpoints always had.</summary>
    private protected virtual bool NamedCheckpoint => true;

    private long PayloadLength(StateDictionary current) =>
        (NamedCheckpoint ? CheckpointPrimitives.NameSize(Name) : 0) + sizeof(int) +
        current.Options.Sum(options => sizeof(int) + CheckpointOptions.SizeOf((TOptions)options)) +
        current.State.Sum(state => ((TState)state).VersionedSize);

    private void WritePayload(BinaryWriter writer, StateDictionary current)
    {
        if (NamedCheckpoint)
        {
            writer.Write(Name);
        }
        writer.Write(current.Options.Count);
        for (int i = 0; i < current.Options.Count; i++)
        {
            writer.Write(current.StateIndexRef[i].Count);
            CheckpointOptions.Write(writer, (TOptions)current.Options[i]);
        }
        foreach (OptimizerState state in current.State)
        {
            ((TState)state).WriteVersioned(writer);
        }
    }

    /// <summary>Reads a verified payload into <paramref name="options"/> and <paramref name="states"/>, checking it fits <paramref name="current"/>.</summary>
    private void ReadPayload(BinaryReader reader, bool named, StateDictionary current, List<TOptions> options, List<TState> states)
    {
        string name = named
            ? CheckpointPrimitives.ReadName(reader, MaxOptimizerNameBytes, "optimizer name")
            : nameof(AdaMomentum);
        RequireWrittenByThis(name);
        int groups = reader.ReadInt32();
        if (groups != current.Options.Count)
        {
            throw new InvalidDataException($"The checkpoint has {groups} parameter groups; this optimizer has {current.Options.Count}.");
        }
        for (int i = 0; i < groups; i++)
        {
            int parameters = reader.ReadInt32();
            if (parameters != current.StateIndexRef[i].Count)
            {
                throw new InvalidDataException(
                    $"The checkpoint's group {i} has {parameters} parameters; this optimizer's has {current.StateIndexRef[i].Count}.");
            }
            var read = new TOptions();
            CheckpointOptions.Read(reader, read, Name);
            options.Add(Validated(read, i));
        }
        for (int i = 0; i < current.State.Count; i++)
        {
            states.Add(ReadState(current, i, state => state.LoadVersioned(reader)));
        }
        long left = reader.BaseStream.Length - reader.BaseStream.Position;
        if (left != 0)
        {
            throw new InvalidDataException($"The checkpoint's payload has {left} bytes after the last parameter's state.");
        }
    }

    /// <summary>Reads a checkpoint in TorchSharp's layout whose first byte was already taken into <paramref name="options"/> and <paramref name="states"/>.</summary>
    private void ReadTorchSharpLayout(BinaryReader reader, byte first, StateDictionary current, List<TOptions> options, List<TState> states)
    {
        if (first > MaxOptimizerNameBytes)
        {
            throw new InvalidDataException(
                $"The stream starts 0x{first:X2}: neither a versioned checkpoint nor TorchSharp's layout, whose optimizer name is shorter than 128 bytes.");
        }
        RequireWrittenByThis(CheckpointPrimitives.ReadName(reader, first, MaxOptimizerNameBytes, "optimizer name"));
        long groups = reader.Read7BitEncodedInt64(), parameters = reader.Read7BitEncodedInt64();
        if (groups != current.Options.Count || parameters != current.State.Count)
        {
            throw new InvalidDataException(
                $"The checkpoint has {groups} parameter groups and {parameters} parameters; this optimizer has {current.Options.Count} and {current.State.Count}.");
        }
        for (int i = 0; i < groups; i++)
        {
            var group = new TOptions();
            CheckpointOptions.ReadTorchSharpLayout(reader, group, group.TorchSharpLayout);
            options.Add(Validated(group, i));
        }
        // TorchSharp's layout has no per-group counts; the groups' sizes are this optimizer's, by construction.
        for (int i = 0; i < parameters; i++)
        {
            states.Add(ReadState(current, i, state => state.LoadStateDict(reader)));
        }
    }

    private void RequireWrittenByThis(string name)
    {
        if (name != Name)
        {
            throw new InvalidDataException($"The checkpoint was written by the '{name}' optimizer, not by {Name}.");
        }
    }
}
