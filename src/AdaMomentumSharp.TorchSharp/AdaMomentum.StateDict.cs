using System.Text;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>Checkpoints: atomic saves and all-or-nothing loads of options and per-parameter state.</summary>
public sealed partial class AdaMomentum
{
    /// <summary>Saves the checkpoint atomically: a crash leaves the previous file or the new one, never a torn one.</summary>
    public new void save_state_dict(string location) => AtomicFile.Write(location, stream =>
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        save_state_dict(writer);
    });

    /// <summary>Loads a checkpoint written by <see cref="save_state_dict(string)"/>; see <see cref="load_state_dict(BinaryReader)"/>.</summary>
    public new void load_state_dict(string location)
    {
        using var stream = File.OpenRead(location);
        using var reader = new BinaryReader(stream);
        load_state_dict(reader);
    }

    /// <summary>
    /// Loads a checkpoint all or nothing: the whole stream is read into new tensors and checked against this
    /// optimizer's groups and parameters before anything is replaced.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is truncated, comes from another optimizer, or does not fit
    /// this optimizer's groups, parameters, shapes or dtypes. The optimizer is unchanged.</exception>
    public new void load_state_dict(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        StateDictionary current = state_dict();
        var loadedOptions = new List<Options>();
        var loadedStates = new List<State>();
        try
        {
            string name = reader.ReadString();
            if (name != nameof(AdaMomentum))
            {
                throw new InvalidDataException($"The checkpoint was written by the '{name}' optimizer, not by AdaMomentum.");
            }
            long groups = Leb128.Read(reader), states = Leb128.Read(reader);
            if (groups != current.Options.Count || states != current.State.Count)
            {
                throw new InvalidDataException(
                    $"The checkpoint has {groups} parameter groups and {states} parameters; this optimizer has {current.Options.Count} and {current.State.Count}.");
            }
            for (int i = 0; i < groups; i++)
            {
                var options = new Options();
                options.LoadStateDict(reader);
                ValidateLoaded(options, $"group {i}");
                loadedOptions.Add(options);
            }
            for (int i = 0; i < states; i++)
            {
                var state = new State(((State)current.State[i]).Parameter);
                loadedStates.Add(state);
                try
                {
                    state.LoadStateDict(reader);
                }
                catch (InvalidDataException e)
                {
                    throw new InvalidDataException($"Parameter {i}: {e.Message}", e);
                }
            }
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException or InvalidDataException)
        {
            loadedStates.ForEach(s => s.Dispose());
            throw e is InvalidDataException ? e : new InvalidDataException($"The AdaMomentum checkpoint is truncated or corrupt: {e.Message}", e);
        }
        Commit(current, loadedOptions, loadedStates);
    }

    /// <summary>
    /// Loads an in-memory state dictionary all or nothing, after checking that it comes from an AdaMomentum
    /// with the same groups and parameter shapes.
    /// </summary>
    /// <exception cref="ArgumentException">It does not fit; the optimizer is unchanged.</exception>
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
            if (state_dict.Options[i] is not Options)
            {
                throw new ArgumentException(
                    $"Group {i} of the state dictionary holds {state_dict.Options[i].GetType().FullName}, not AdaMomentum options.", nameof(state_dict));
            }
        }
        for (int i = 0; i < state_dict.State.Count; i++)
        {
            if (((State)current.State[i]).Incompatibility(state_dict.State[i]) is string why)
            {
                throw new ArgumentException($"Parameter {i} of the state dictionary does not fit: {why}.", nameof(state_dict));
            }
        }
        base.load_state_dict(state_dict);
    }

    private static void ValidateLoaded(Options options, string where)
    {
        try
        {
            options.ToValidatedCoreOptions();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The checkpoint's {where} holds an invalid hyperparameter: {e.Message}", e);
        }
    }

    private static void Commit(StateDictionary current, List<Options> options, List<State> states)
    {
        for (int i = 0; i < options.Count; i++)
        {
            current.Options[i].LoadStateDict(options[i]);
        }
        for (int i = 0; i < states.Count; i++)
        {
            ((State)current.State[i]).LoadStateDict(states[i]);
            states[i].Dispose();
        }
    }
}
