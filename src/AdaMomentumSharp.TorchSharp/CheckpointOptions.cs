namespace AdaMomentumSharp;

/// <summary>
/// Every hyperparameter a checkpoint carries: TorchSharp's <c>initial_lr</c> and every option of the optimizer's
/// table, under its PyTorch name. The versioned format stores a group's options as (name, kind, value) entries;
/// TorchSharp's layout stores some as bare values in a fixed order (<see cref="AdaptiveOptions.TorchSharpLayout"/>).
/// </summary>
internal static class CheckpointOptions
{
    // Longer than any name in a table, short enough that a corrupt length is refused before it is read.
    private const int MaxNameBytes = 64;

    private const string InitialLearningRate = "initial_lr";

    private static OptionField[] Fields(AdaptiveOptions options) =>
    [
        OptionField.Number(InitialLearningRate, o => o.InitialLearningRate, (o, v) => o.InitialLearningRate = v),
        .. options.Table.Select(OptionField.For),
    ];

    /// <summary>Bytes <see cref="Write"/> writes for <paramref name="options"/>.</summary>
    public static long SizeOf(AdaptiveOptions options) =>
        sizeof(int) + Fields(options).Sum(f => CheckpointPrimitives.NameSize(f.Name) + sizeof(byte) + f.ValueSize);

    /// <summary>Writes the entry count, then every option as name, kind and value.</summary>
    public static void Write(BinaryWriter writer, AdaptiveOptions options)
    {
        OptionField[] fields = Fields(options);
        writer.Write(fields.Length);
        foreach (OptionField field in fields)
        {
            writer.Write(field.Name);
            writer.Write((byte)field.Kind);
            field.WriteValue(writer, options);
        }
    }

    /// <summary>Reads options written by <see cref="Write"/> into <paramref name="options"/>; options the checkpoint lacks take their older-checkpoint values.</summary>
    /// <exception cref="InvalidDataException">An option is unknown, repeated, of the wrong kind, or missing with no older-checkpoint value.</exception>
    public static void Read(BinaryReader reader, AdaptiveOptions options, string optimizer)
    {
        int count = reader.ReadInt32();
        if (count < 0)
        {
            throw new InvalidDataException($"The checkpoint says a group has {count} options.");
        }
        OptionField[] fields = Fields(options);
        var seen = new HashSet<OptionField>();
        for (int i = 0; i < count; i++)
        {
            string name = CheckpointPrimitives.ReadName(reader, MaxNameBytes, "option name");
            OptionField field = fields.SingleOrDefault(f => f.Name == name) ?? throw new InvalidDataException(
                $"The checkpoint holds the option '{name}', which this version of {optimizer} does not know.");
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
        SetAbsent(fields, options, seen);
    }

    /// <summary>Writes <c>initial_lr</c>, then the options of <paramref name="layout"/> as bare values, in its order.</summary>
    /// <exception cref="NotSupportedException">An option the layout cannot carry differs from what its absence means: the
    /// file would load as another algorithm. Raised before any option is written (TorchSharp's base method has written its
    /// header by then, so the stream holds an incomplete checkpoint that no loader accepts).</exception>
    public static void WriteTorchSharpLayout(BinaryWriter writer, AdaptiveOptions options, IReadOnlyList<string> layout)
    {
        OptionField[] fields = Fields(options), inLayout = InLayout(fields, layout);
        foreach (OptionField field in fields.Except(inLayout).Where(f => !f.HoldsWhatAbsenceMeans(options)))
        {
            throw new NotSupportedException(
                $"TorchSharp's checkpoint layout (OptimizerHelper.save_state_dict, reached through a base-class reference) has no room " +
                $"for '{field.Name}', and this group's value is not the default it would load as. Call {options.GetType().DeclaringType?.Name}.save_state_dict, " +
                "whose versioned format carries every option.");
        }
        foreach (OptionField field in inLayout)
        {
            field.WriteValue(writer, options);
        }
    }

    /// <summary>Reads options in TorchSharp's layout into <paramref name="options"/>; the options it lacks take their older-checkpoint values.</summary>
    public static void ReadTorchSharpLayout(BinaryReader reader, AdaptiveOptions options, IReadOnlyList<string> layout)
    {
        OptionField[] fields = Fields(options), inLayout = InLayout(fields, layout);
        foreach (OptionField field in inLayout)
        {
            field.ReadValue(reader, options);
        }
        SetAbsent(fields, options, [.. inLayout]);
    }

    private static OptionField[] InLayout(OptionField[] fields, IReadOnlyList<string> layout) =>
        [fields[0], .. layout.Select(name => fields.Single(f => f.Name == name))];

    private static void SetAbsent(OptionField[] fields, AdaptiveOptions options, HashSet<OptionField> present)
    {
        foreach (OptionField field in fields.Where(f => !present.Contains(f)))
        {
            field.SetAbsent(options);
        }
    }
}
