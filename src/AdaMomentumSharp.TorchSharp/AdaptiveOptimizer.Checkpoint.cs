using System.Text;
using AdaMomentumSharp.Files;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>
/// Checkpoints: atomic saves and all-or-nothing loads of options and per-parameter state, in the versioned format of
/// <see cref="CheckpointEnvelope"/>; loads also read TorchSharp's layout (<c>OptimizerHelper.save_state_dict</c>).
/// </summary>
public abstract partial class AdaptiveOptimizer<TOptions, TState>
{
    /// <summary>Saves the checkpoint atomically: a crash leaves the previous file or the new one, never a torn one.</summary>
    public new void save_state_dict(string location)
    {
        ThrowIfDisposed();
        AtomicFile.Write(location, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            save_state_dict(writer);
        });
    }

    /// <summary>
    /// Writes a versioned checkpoint: a header with magic bytes, format version and payload length; the payload (the
    /// optimizer's name, every group's options by name, every parameter's step and moments); and a checksum of it all.
    /// </summary>
    public new void save_state_dict(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        StateDictionary current = state_dict();
        writer.Flush();
        CheckpointEnvelope.Write(writer.BaseStream, NamedCheckpoint, PayloadLength(current), payload => WritePayload(payload, current));
    }

    /// <summary>Loads a checkpoint written by <see cref="save_state_dict(string)"/>; see <see cref="load_state_dict(BinaryReader)"/>.</summary>
    public new void load_state_dict(string location)
    {
        ThrowIfDisposed();
        using var stream = File.OpenRead(location);
        using var reader = new BinaryReader(stream);
        load_state_dict(reader);
    }

    /// <summary>
    /// Loads a checkpoint all or nothing. A versioned checkpoint's checksum is verified before anything is parsed
    /// (a seekable stream in place, any other copied into memory); then, as for one in TorchSharp's layout, the
    /// optimizer's name and every group's size are checked, every option is validated and every moment's dtype and
    /// shape checked against its parameter before it is allocated, and nothing is replaced until the whole checkpoint
    /// has been read.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is truncated or corrupt, comes from another optimizer, or does
    /// not fit this optimizer's groups, parameters, shapes or dtypes. The optimizer is unchanged.</exception>
    public new void load_state_dict(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        StateDictionary current = state_dict();
        var loadedOptions = new List<TOptions>();
        var loadedStates = new List<TState>();
        try
        {
            byte first = reader.ReadByte();
            if (first == CheckpointEnvelope.Magic[0])
            {
                var (named, payload) = CheckpointEnvelope.ReadVerifiedPayload(reader.BaseStream);
                using (payload)
                {
                    ReadPayload(new BinaryReader(payload), named, current, loadedOptions, loadedStates);
                }
            }
            else
            {
                ReadTorchSharpLayout(reader, first, current, loadedOptions, loadedStates);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or InvalidDataException)
        {
            loadedStates.ForEach(s => s.Dispose());
            throw e is InvalidDataException ? e : new InvalidDataException($"The {Name} checkpoint is truncated or corrupt: {e.Message}", e);
        }
        Commit(current, loadedOptions, loadedStates);
    }

    /// <summary>
    /// Loads an in-memory state dictionary all or nothing, after checking that it comes from this kind of optimizer
    /// with the same groups, as many parameters in each, and the same parameter shapes.
    /// </summary>
    /// <exception cref="ArgumentException">It does not fit; the optimizer is unchanged.</exception>
    public override void load_state_dict(StateDictionary state_dict)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(state_dict);
        StateDictionary current = this.state_dict();
        if (state_dict.Options.Count != current.Options.Count || state_dict.State.Count != current.State.Count)
        {
            throw new ArgumentException(
                $"The state dictionary has {state_dict.Options.Count} parameter groups and {state_dict.State.Count} parameters; " +
                $"this optimizer has {current.Options.Count} and {current.State.Count}.", nameof(state_dict));
        }
        for (int i = 0; i < state_dict.Options.Count; i++)
        {
            if (state_dict.Options[i] is not TOptions options)
            {
                throw new ArgumentException(
                    $"Group {i} of the state dictionary holds {state_dict.Options[i].GetType().FullName}, not {Name} options.", nameof(state_dict));
            }
            // Equal totals are not enough: groups of [2, 1] loaded into [1, 2] would hand a parameter its neighbour's
            // moments and move the learning rates to other parameters.
            int count = i < state_dict.StateIndexRef.Count ? state_dict.StateIndexRef[i].Count : 0;
            if (count != current.StateIndexRef[i].Count)
            {
                throw new ArgumentException(
                    $"Group {i} of the state dictionary has {count} parameters; this optimizer's group {i} has {current.StateIndexRef[i].Count}.",
                    nameof(state_dict));
            }
            try
            {
                options.Validate();
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Group {i} of the state dictionary holds an invalid option: {e.Message}", nameof(state_dict), e);
            }
        }
        for (int i = 0; i < state_dict.State.Count; i++)
        {
            if (((TState)current.State[i]).Incompatibility(state_dict.State[i]) is string why)
            {
                throw new ArgumentException($"Parameter {i} of the state dictionary does not fit: {why}.", nameof(state_dict));
            }
        }
        base.load_state_dict(state_dict);
    }

    /// <summary><paramref name="options"/>, read for group <paramref name="group"/>, once validated.</summary>
    private static TOptions Validated(TOptions options, int group)
    {
        options.RequireValidFromCheckpoint($"group {group}");
        return options;
    }

    /// <summary>A new state for parameter <paramref name="index"/>, filled by <paramref name="read"/>; disposed if reading fails.</summary>
    private TState ReadState(StateDictionary current, int index, Action<TState> read)
    {
        TState state = NewState(((TState)current.State[index]).Parameter);
        try
        {
            read(state);
            return state;
        }
        catch (InvalidDataException e)
        {
            state.Dispose();
            throw new InvalidDataException($"Parameter {index}: {e.Message}", e);
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    private static void Commit(StateDictionary current, List<TOptions> options, List<TState> states)
    {
        for (int i = 0; i < options.Count; i++)
        {
            current.Options[i].LoadStateDict(options[i]);
        }
        for (int i = 0; i < states.Count; i++)
        {
            ((TState)current.State[i]).LoadStateDict(states[i]);
            states[i].Dispose();
        }
    }
}
