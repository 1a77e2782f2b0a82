using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>
/// Reading TorchSharp's checkpoint layout, which AdaMomentum wrote before its checkpoints had versions (and which
/// TorchSharp's own <c>OptimizerHelper.save_state_dict</c> still writes):
/// <code>
/// "AdaMomentum"  BinaryWriter string (0B, then the ASCII)
/// groups, parameters  LEB128
/// per group      <see cref="Options.SaveStateDict(BinaryWriter)"/>: initial_lr, lr, beta1, beta2, eps, weight_decay (double);
///                decoupled_weight_decay, amsgrad, maximize, rectify (bool)
/// per param      <see cref="State.SaveStateDict(BinaryWriter)"/>: step (int64), exp_avg, exp_avg_sq, has max (bool), [max_exp_avg_sq]
/// </code>
/// It has no checksum, so it is read with every check the layout allows: counts, flags, option ranges, and each
/// moment's dtype and shape before it is allocated.
/// </summary>
public sealed partial class AdaMomentum
{
    // TorchSharp writes the optimizer's type name; none is this long, so a longer one is corruption, refused unread.
    private const int MaxOptimizerNameBytes = 256;

    /// <summary>Reads a checkpoint in TorchSharp's layout whose first byte was already taken into <paramref name="options"/> and <paramref name="states"/>.</summary>
    private static void ReadTorchSharpLayout(BinaryReader reader, byte first, StateDictionary current, List<Options> options, List<State> states)
    {
        string name = CheckpointPrimitives.ReadName(reader, first, MaxOptimizerNameBytes, "optimizer name");
        if (name != nameof(AdaMomentum))
        {
            throw new InvalidDataException($"The checkpoint was written by the '{name}' optimizer, not by AdaMomentum.");
        }
        long groups = Leb128.Read(reader), parameters = Leb128.Read(reader);
        if (groups != current.Options.Count || parameters != current.State.Count)
        {
            throw new InvalidDataException(
                $"The checkpoint has {groups} parameter groups and {parameters} parameters; this optimizer has {current.Options.Count} and {current.State.Count}.");
        }
        for (int i = 0; i < groups; i++)
        {
            var group = new Options();
            group.LoadStateDict(reader);
            options.Add(Validated(group, i));
        }
        for (int i = 0; i < parameters; i++)
        {
            states.Add(ReadState(current, i, state => state.LoadStateDict(reader)));
        }
    }
}
