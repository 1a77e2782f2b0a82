namespace AdaMomentumSharp;

/// <summary>
/// One hyperparameter as checkpoints carry it: PyTorch's name for it, how its value is encoded, where it lives on
/// <see cref="AdaptiveOptions"/>, and what a checkpoint written before the option existed means by lacking it.
/// Flags are held as 0 and 1 so that one accessor shape serves both kinds. Every option of an optimizer's table
/// is one (<see cref="For"/>), and so is TorchSharp's <c>initial_lr</c>.
/// </summary>
internal sealed class OptionField
{
    private readonly Func<AdaptiveOptions, double?> get;
    private readonly Action<AdaptiveOptions, double> set;
    private readonly double? whenAbsent;

    private OptionField(string name, OptionKind kind, Func<AdaptiveOptions, double?> get, Action<AdaptiveOptions, double> set,
                        double? whenAbsent)
    {
        Name = name;
        Kind = kind;
        this.get = get;
        this.set = set;
        this.whenAbsent = whenAbsent;
    }

    public string Name { get; }

    public OptionKind Kind { get; }

    /// <summary>Bytes of the value alone, as <see cref="WriteValue"/> writes it.</summary>
    public int ValueSize => Kind == OptionKind.Number ? sizeof(double) : sizeof(byte);

    /// <summary>A number every checkpoint holds.</summary>
    public static OptionField Number(string name, Func<AdaptiveOptions, double?> get, Action<AdaptiveOptions, double> set) =>
        new(name, OptionKind.Number, get, set, whenAbsent: null);

    /// <summary>The option <paramref name="option"/> describes, under its PyTorch name.</summary>
    public static OptionField For(AdaptiveOption option) =>
        new(option.Name, option.Kind, o => o[option.Name], (o, value) => o[option.Name] = value, option.ValueWhenAbsent);

    /// <summary>Writes the value, without name or kind.</summary>
    /// <exception cref="InvalidOperationException">The value is unset (null).</exception>
    public void WriteValue(BinaryWriter writer, AdaptiveOptions options)
    {
        double value = get(options) ?? throw new InvalidOperationException(
            $"The option '{Name}' is null; groups get every option when they are added, so it was cleared afterwards.");
        if (Kind == OptionKind.Number)
        {
            writer.Write(value);
        }
        else
        {
            writer.Write(value != 0);
        }
    }

    /// <summary>Reads the value written by <see cref="WriteValue"/> into <paramref name="options"/>.</summary>
    public void ReadValue(BinaryReader reader, AdaptiveOptions options) =>
        set(options, Kind == OptionKind.Number ? reader.ReadDouble() : CheckpointPrimitives.ReadFlag(reader, $"option '{Name}'") ? 1 : 0);

    /// <summary>True when a checkpoint that lacks this option would give back the value <paramref name="options"/> holds.</summary>
    public bool HoldsWhatAbsenceMeans(AdaptiveOptions options) => whenAbsent is double absent && get(options) == absent;

    /// <summary>Sets the value a checkpoint that lacks this option means.</summary>
    /// <exception cref="InvalidDataException">Every checkpoint must hold this option.</exception>
    public void SetAbsent(AdaptiveOptions options) =>
        set(options, whenAbsent ?? throw new InvalidDataException($"The checkpoint lacks the option '{Name}'."));
}
