namespace AdaMomentumSharp;

/// <summary>
/// The options section of a version 2 state: a count, then (name, value) pairs, one per option of
/// <see cref="AdaMomentumOptions.All"/> under its <see cref="AdaMomentumOption.Name"/>: f64 for a number, u8 (0 or 1) for a flag.
/// </summary>
/// <remarks>
/// A reader refuses a name it does not know rather than drop a setting that changes the trajectory; an option
/// the state does not name takes its <see cref="AdaMomentumOption.ValueWhenAbsent"/> (else its default), so states saved
/// before an option existed still load.
/// </remarks>
internal static class SavedOptions
{
    /// <summary>Longer than any name in the table; a corrupt name length must not cost more.</summary>
    public const int MaxNameBytes = 256;

    /// <summary>
    /// The optimizer's non-finite policy is saved in the same list, under this name: it is not a hyperparameter of
    /// the update, but a resumed run must treat bad gradients as the saved one did.
    /// </summary>
    public const string NonFiniteGradientsName = "NonFiniteGradients";

    /// <summary>The saved names, in the order a state lists them.</summary>
    public static IEnumerable<string> Names => AdaMomentumOptions.All.Select(option => option.Name).Append(NonFiniteGradientsName);

    public static void Write(StateWriter writer, AdaMomentumOptions options, NonFiniteGradients nonFiniteGradients)
    {
        writer.WriteInt64(AdaMomentumOptions.All.Count + 1);
        foreach (AdaMomentumOption option in AdaMomentumOptions.All)
        {
            writer.WriteString(option.Name);
            if (option.Kind == OptionKind.Number)
            {
                writer.WriteDouble(option.Get(options));
            }
            else
            {
                writer.WriteBoolean(option.Get(options) != 0);
            }
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
        var options = AdaMomentumOptions.All.Where(o => o.ValueWhenAbsent is not null)
            .Aggregate(new AdaMomentumOptions(), (absent, o) => o.With(absent, o.ValueWhenAbsent!.Value));
        var nonFiniteGradients = NonFiniteGradients.Throw;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // No allocation depends on count: an unknown or repeated name ends a corrupt list within a few entries.
        for (long i = 0; i < count; i++)
        {
            string name = reader.ReadString(MaxNameBytes, "an option name");
            AdaMomentumOption? option = AdaMomentumOptions.All.FirstOrDefault(o => o.Name == name);
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
            double value = option.Kind == OptionKind.Number ? reader.ReadDouble() : reader.ReadBoolean($"option {name}") ? 1 : 0;
            options = option.With(options, value);
        }
        return (options, nonFiniteGradients);
    }
}
