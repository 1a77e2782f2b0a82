using System.Runtime.InteropServices;
using System.Text;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>Checkpoints in TorchSharp's format, saved atomically and loaded all or nothing.</summary>
public abstract partial class MomentOptimizer
{
    /// <summary>Saves the checkpoint atomically: a crash leaves the previous file or the new one, never a torn one.</summary>
    public new void save_state_dict(string location) => AtomicFile.Write(location, stream =>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        save_state_dict(writer);
    });

    /// <summary>Loads a checkpoint file; see <see cref="load_state_dict(BinaryReader)"/>.</summary>
    public new void load_state_dict(string location)
    {
        using var stream = File.OpenRead(location);
        using var reader = new BinaryReader(stream);
        load_state_dict(reader);
    }

    /// <summary>
    /// Loads a checkpoint written by <c>save_state_dict</c> all or nothing: every group's hyperparameters and every
    /// parameter's state are read into new objects and checked (optimizer, counts, ranges, shapes, dtypes) before any
    /// of this optimizer's is replaced.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is truncated or corrupt, or was written by another optimizer or
    /// for other parameters. The optimizer is unchanged.</exception>
    public new void load_state_dict(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        StateDictionary current = state_dict();
        var options = new List<Options>();
        var states = new List<MomentState>();
        try
        {
            string name = reader.ReadString();
            if (name != GetType().Name)
            {
                throw new InvalidDataException($"The checkpoint was written by the '{name}' optimizer, not by {GetType().Name}.");
            }
            // TorchSharp writes the counts in LEB128, which is .NET's 7-bit encoding.
            long groups = reader.Read7BitEncodedInt64(), parameters = reader.Read7BitEncodedInt64();
            if (groups != current.Options.Count || parameters != current.State.Count)
            {
                throw new InvalidDataException(
                    $"The checkpoint has {groups} parameter groups and {parameters} parameters; this optimizer has {current.Options.Count} and {current.State.Count}.");
            }
            for (int i = 0; i < groups; i++)
            {
                options.Add(ReadOptions(reader, i));
            }
            for (int i = 0; i < parameters; i++)
            {
                states.Add(((MomentState)current.State[i]).ReadReplacement(reader, i));
            }
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or InvalidDataException or ExternalException or NotImplementedException)
        {
            states.ForEach(s => s.Dispose());
            throw e as InvalidDataException ?? new InvalidDataException($"The {GetType().Name} checkpoint is truncated or corrupt: {e.Message}", e);
        }
        for (int i = 0; i < options.Count; i++)
        {
            current.Options[i].LoadStateDict(options[i]);
        }
        for (int i = 0; i < states.Count; i++)
        {
            current.State[i].LoadStateDict(states[i]);
            states[i].Dispose();
        }
    }

    /// <summary>Loads an in-memory state dictionary all or nothing, after checking that it fits this optimizer.</summary>
    /// <exception cref="ArgumentException">It comes from another optimizer or other parameters; the optimizer is unchanged.</exception>
    public override void load_state_dict(StateDictionary state_dict)
    {
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
            if (state_dict.Options[i] is not Options options)
            {
                throw new ArgumentException($"Group {i} of the state dictionary holds {state_dict.Options[i].GetType().FullName}, not {typeof(Options).FullName}.", nameof(state_dict));
            }
            options.Validate();
        }
        for (int i = 0; i < state_dict.State.Count; i++)
        {
            if (((MomentState)current.State[i]).Incompatibility(state_dict.State[i]) is string why)
            {
                throw new ArgumentException($"Parameter {i} of the state dictionary does not fit: {why}.", nameof(state_dict));
            }
        }
        base.load_state_dict(state_dict);
    }

    private static Options ReadOptions(BinaryReader reader, int group)
    {
        var options = new Options();
        options.LoadStateDict(reader);
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidDataException($"The checkpoint's group {group} holds an invalid hyperparameter: {e.Message}", e);
        }
        return options;
    }
}
