using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>
/// Reading TorchSharp's checkpoint layout, which AdaMomentum wrote before its checkpoints had versions (and which
/// TorchSharp's own <c>OptimizerHelper.save_state_dict</c> still writes):
/// <code>
/// "AdaMomentum"  BinaryWriter string (0B, then the ASCII)
/// groups, parameters  7-bit encoded (LEB128), as <see cref="BinaryWriter.Write7BitEncodedInt64"/>
/// per group      <see cref="Options.SaveStateDict(BinaryWriter)"/>: initial_lr, lr, beta1, beta2, eps, weight_decay (double);
///                decoupled_weight_decay, amsgrad, maximize, rectify (bool)
/// per param      <see cref="State.SaveStateDict(BinaryWriter)"/>: step (int64), exp_avg, exp_avg_sq, has max (bool), [max_exp_avg_sq]
/// </code>
/// It has no checksum, so it is read with every check the layout allows: counts, flags, option ranges, and each
/// moment's dtype and shape before it is allocated.
/// </summary>
public sealed partial class AdaMomentum
{
    // The optimizer's type name, written by BinaryWriter.Write(string), is shorter than 128 bytes, so its length is one
    // byte below 0x80: the first byte of the stream, which the caller read to tell this layout from the versioned one.
    private const int MaxOptimizerNameBytes = 127;

    /// <summary>Reads a checkpoint in TorchSharp's layout whose first byte was already taken into <paramref name="options"/> and <paramref name="states"/>.</summary>
    private static void ReadTorchSharpLayout(BinaryReader reader, byte first, StateDictionary current, List<Options> options, List<State> states)
    {
        if (first > MaxOptimizerNameBytes)
        {
            throw new InvalidDataException(
                $"The stream starts 0x{first:X2}: neither an AdaMomentum checkpoint nor TorchSharp's layout, whose optimizer name is shorter than 128 bytes.");
        }
        string name = CheckpointPrimitives.ReadName(reader, first, MaxOptimizerNameBytes, "optimizer name");
        if (name != nameof(AdaMomentum))
        {
            throw new InvalidDataException($"The checkpoint was written by the '{name}' optimizer, not by AdaMomentum.");
        }
        long groups = reader.Read7BitEncodedInt64(), parameters = reader.Read7BitEncodedInt64();
        if (groups != current.Options.Count || parameters != current.State.Count)
        {
            throw new InvalidDataException(
                $"The checkpoint has {groups} parameter groups and {parameters} parameters; this optimizer has {current.Options.Count} and {current.State.Count}.");
        }
        for (int i = 0; i < groups; i++)
        {
            var group = new Options();
            CheckpointOptions.ReadTorchSharpLayout(reader, group);
            options.Add(Validated(group, i));
        }
        for (int i = 0; i < parameters; i++)
        {
            states.Add(ReadState(current, i, state => state.LoadStateDict(reader)));
        }
    }
}
