namespace AdaMomentumSharp;

/// <summary>
/// Every hyperparameter a checkpoint carries: TorchSharp's <c>initial_lr</c> and every option of
/// <see cref="AdaMomentumOptions.All"/>, under its PyTorch name. The versioned format stores a group's options as
/// (name, kind, value) entries; TorchSharp's layout stored the ten oldest as bare values in a fixed order.
/// </summary>
internal static class CheckpointOptions
{
    // Longer than any name in the table, short enough that a corrupt length is refused before it is read.
    private const int MaxNameBytes = 64;

    private static readonly OptionField[] Fields =
    [
        OptionField.Number("initial_lr", o => o.InitialLearningRate, (o, v) => o.InitialLearningRate = v),
        .. AdaMomentumOptions.All.Select(OptionField.For),
    ];

    // What TorchSharp's OptimizerOptions wrote (initial_lr, lr) and then our options, before checkpoints had versions.
    // History: this list never changes.
    private static readonly OptionField[] TorchSharpLayout =
        new[] { "initial_lr", "lr", "beta1", "beta2", "eps", "weight_decay", "decoupled_weight_decay", "amsgrad", "maximize", "rectify" }
        .Select(name => Fields.Single(f => f.Name == name)).ToArray();

    /// <summary>Bytes <see cref="Write"/> writes.</summary>
    public static long SizeOf() => sizeof(int) + Fields.Sum(f => CheckpointPrimitives.NameSize(f.Name) + sizeof(byte) + f.ValueSize);

    /// <summary>Writes the entry count, then every option as name, kind and value.</summary>
    public static void Write(BinaryWriter writer, AdaMomentum.Options options)
    {
        writer.Write(Fields.Length);
        foreach (OptionField field in Fields)
        {
            writer.Write(field.Name);
            writer.Write((byte)field.Kind);
            field.WriteValue(writer, options);
        }
    }

    /// <summary>Reads options written by <see cref="Write"/>; options the checkpoint lacks take their older-checkpoint values.</summary>
    /// <exception cref="InvalidDataException">An option is unknown, repeated, of the wrong kind, or missing with no older-checkpoint value.</exception>
    public static AdaMomentum.Options Read(BinaryReader reader)
    {
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"The checkpoint says a group has {count} options.");
        }
        var options = new AdaMomentum.Options();
        var seen = new HashSet<OptionField>();
        for (int i = 0; i < count; i++)
        {
            string name = CheckpointPrimitives.ReadName(reader, MaxNameBytes, "option name");
            OptionField field = Fields.SingleOrDefault(f => f.Name == name) ?? throw new InvalidDataException(
                $"The checkpoint holds the option '{name}', which this version of AdaMomentum does not know.");
            if (!seen.Add(field))
            {
                throw new InvalidDataException($"The checkpoint holds the option '{name}' twice in one group.");
            }
            byte kind = reader.ReadByte();
            if (kind != (byte)field.Kind)
            {
                throw new InvalidDataException($"The checkpoint stores the option '{name}' as kind {kind}; it is a {field.Kind} (kind {(byte)field.Kind}).");
            }
            field.ReadValue(reader, options);
        }
        SetAbsent(options, seen);
        return options;
    }

    /// <summary>Writes the options in TorchSharp's layout: the ten oldest as bare values, in their fixed order.</summary>
    /// <exception cref="NotSupportedException">An option the layout cannot carry differs from what its absence means: the
    /// file would load as another algorithm. Raised before any option is written (TorchSharp's base method has written its
    /// header by then, so the stream holds an incomplete checkpoint that no loader accepts).</exception>
    public static void WriteTorchSharpLayout(BinaryWriter writer, AdaMomentum.Options options)
    {
        foreach (OptionField field in Fields.Except(TorchSharpLayout).Where(f => !f.HoldsWhatAbsenceMeans(options)))
        {
            throw new NotSupportedException(
                $"TorchSharp's checkpoint layout (OptimizerHelper.save_state_dict, reached through a base-class reference) has no room " +
                $"for '{field.Name}', and this group's value is not the default it would load as. Call AdaMomentum.save_state_dict, " +
                "whose versioned format carries every option.");
        }
        foreach (OptionField field in TorchSharpLayout)
        {
            field.WriteValue(writer, options);
        }
    }

    /// <summary>Reads options in TorchSharp's layout into <paramref name="options"/>; the options it lacks take their older-checkpoint values.</summary>
    public static void ReadTorchSharpLayout(BinaryReader reader, AdaMomentum.Options options)
    {
        foreach (OptionField field in TorchSharpLayout)
        {
            field.ReadValue(reader, options);
        }
        SetAbsent(options, [.. TorchSharpLayout]);
    }

    private static void SetAbsent(AdaMomentum.Options options, HashSet<OptionField> present)
    {
        foreach (OptionField field in Fields.Where(f => !present.Contains(f)))
        {
            field.SetAbsent(options);
        }
    }
}
