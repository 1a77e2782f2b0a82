using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>
/// The payload of a versioned checkpoint (see <see cref="CheckpointEnvelope"/> for what surrounds it):
/// <code>
/// groups       int32
/// per group    parameters (int32), options (<see cref="CheckpointOptions.Write"/>: count, then name, kind, value)
/// per param    step (int64), exp_avg, exp_avg_sq, has max_exp_avg_sq (0|1), [max_exp_avg_sq]   (<see cref="MomentEncoding"/>)
/// </code>
/// </summary>
public sealed partial class AdaMomentum
{
    private static long PayloadLength(StateDictionary current) =>
        sizeof(int) + current.Options.Count * (sizeof(int) + CheckpointOptions.SizeOf()) +
        current.State.Sum(state => ((State)state).VersionedSize);

    private static void WritePayload(BinaryWriter writer, StateDictionary current)
    {
        writer.Write(current.Options.Count);
        for (int i = 0; i < current.Options.Count; i++)
        {
            writer.Write(current.StateIndexRef[i].Count);
            CheckpointOptions.Write(writer, (Options)current.Options[i]);
        }
        foreach (OptimizerState state in current.State)
        {
            ((State)state).WriteVersioned(writer);
        }
    }

    /// <summary>Reads a verified payload into <paramref name="options"/> and <paramref name="states"/>, checking it fits <paramref name="current"/>.</summary>
    private static void ReadPayload(BinaryReader reader, StateDictionary current, List<Options> options, List<State> states)
    {
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
            options.Add(Validated(CheckpointOptions.Read(reader), i));
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
}
