namespace AdaMomentumSharp;

/// <summary>
/// The options section of a version 2 state: a count, then (name, value) pairs. This table is the one place to
/// extend when <see cref="AdaMomentumOptions"/> gains a property.
/// </summary>
/// <remarks>
/// A reader refuses a name it does not know rather than drop a setting that changes the trajectory; an option
/// the state does not name keeps its default, so states saved before an option existed still load.
/// </remarks>
internal static class SavedOptions
{
    /// <summary>Longer than any name in the table; a corrupt name length must not cost more.</summary>
    public const int MaxNameBytes = 256;

    // The names are part of the format: a renamed property keeps the name its option was saved under.
    private static readonly SavedOption[] Table =
    [
        SavedOption.Number("LearningRate", o => o.LearningRate, (o, value) => o with { LearningRate = value }),
        SavedOption.Number("Beta1", o => o.Beta1, (o, value) => o with { Beta1 = value }),
        SavedOption.Number("Beta2", o => o.Beta2, (o, value) => o with { Beta2 = value }),
        SavedOption.Number("Epsilon", o => o.Epsilon, (o, value) => o with { Epsilon = value }),
        SavedOption.Number("WeightDecay", o => o.WeightDecay, (o, value) => o with { WeightDecay = value }),
        SavedOption.Flag("DecoupledWeightDecay", o => o.DecoupledWeightDecay, (o, value) => o with { DecoupledWeightDecay = value }),
        SavedOption.Flag("FixedDecay", o => o.FixedDecay, (o, value) => o with { FixedDecay = value }),
        SavedOption.Flag("AmsGrad", o => o.AmsGrad, (o, value) => o with { AmsGrad = value }),
        SavedOption.Flag("Maximize", o => o.Maximize, (o, value) => o with { Maximize = value }),
        SavedOption.Flag("Rectify", o => o.Rectify, (o, value) => o with { Rectify = value }),
        SavedOption.Flag("DegeneratedToSgd", o => o.DegeneratedToSgd, (o, value) => o with { DegeneratedToSgd = value }),
    ];

    /// <summary>
    /// The optimizer's non-finite policy is saved in the same list, under this name: it is not a hyperparameter of
    /// the update, but a resumed run must treat bad gradients as the saved one did.
    /// </summary>
    public const string NonFiniteGradientsName = "NonFiniteGradients";

    /// <summary>The saved names, in the order a state lists them.</summary>
    public static IEnumerable<string> Names => Table.Select(option => option.Name).Append(NonFiniteGradientsName);

    public static void Write(StateWriter writer, AdaMomentumOptions options, NonFiniteGradients nonFiniteGradients)
    {
        writer.WriteInt64(Table.Length + 1);
        foreach (SavedOption option in Table)
        {
            writer.WriteString(option.Name);
            option.Write(writer, options);
        }
        writer.WriteString(NonFiniteGradientsName);
        writer.WriteInt32((int)nonFiniteGradients);
    }

    /// <summary>Reads the section: the options (not validated yet) and the non-finite policy (Throw when absent).</summary>
    public static (AdaMomentumOptions Options, NonFiniteGradients NonFiniteGradients) Read(StateReader reader)
    {
        long count = reader.ReadInt64();
        if (count < 0)
        {
            throw new InvalidDataException($"The AdaMomentum state lists {count} options; the count cannot be negative.");
        }
        var options = new AdaMomentumOptions();
        var nonFiniteGradients = NonFiniteGradients.Throw;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // No allocation depends on count: an unknown or repeated name ends a corrupt list within a few entries.
        for (long i = 0; i < count; i++)
        {
            string name = reader.ReadString(MaxNameBytes, "an option name");
            SavedOption? option = Array.Find(Table, o => o.Name == name);
            if (option is null && name != NonFiniteGradientsName)
            {
                throw new InvalidDataException(
                    $"The AdaMomentum state sets option \"{name}\", which this version of AdaMomentumSharp does not know; " +
                    "refusing the state rather than ignoring a setting.");
            }
            if (!seen.Add(name))
            {
                throw new InvalidDataException($"The AdaMomentum state sets option \"{name}\" twice; each option may appear once.");
            }
            if (option is null)
            {
                nonFiniteGradients = (NonFiniteGradients)reader.ReadInt32();
                continue;
            }
            options = option.Read(reader, options);
        }
        return (options, nonFiniteGradients);
    }
}
