namespace AdaMomentumSharp;

/// <summary>How a hyperparameter's value is encoded in a checkpoint; the byte is written before the value.</summary>
internal enum OptionKind : byte
{
    /// <summary>A double, 8 bytes.</summary>
    Number = 1,

    /// <summary>A flag, one byte: 0 or 1.</summary>
    Flag = 2,
}

/// <summary>
/// One hyperparameter as checkpoints carry it: PyTorch's name for it, how its value is encoded, where it lives on
/// <see cref="AdaMomentum.Options"/>, and what a checkpoint written before the option existed means by lacking it.
/// Flags are held as 0 and 1 so that one accessor shape serves both kinds.
/// </summary>
internal sealed class OptionField
{
    private readonly Func<AdaMomentum.Options, double?> get;
    private readonly Action<AdaMomentum.Options, double> set;
    private readonly double? whenAbsent;

    private OptionField(string name, OptionKind kind, Func<AdaMomentum.Options, double?> get, Action<AdaMomentum.Options, double> set,
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
    public static OptionField Number(string name, Func<AdaMomentum.Options, double?> get, Action<AdaMomentum.Options, double> set) =>
        new(name, OptionKind.Number, get, set, whenAbsent: null);

    /// <summary>A flag; <paramref name="whenAbsent"/> is its value in checkpoints written before it existed (null: none were).</summary>
    public static OptionField Flag(string name, Func<AdaMomentum.Options, bool?> get, Action<AdaMomentum.Options, bool> set,
                                   bool? whenAbsent = null) =>
        new(name, OptionKind.Flag, o => get(o) is bool b ? (b ? 1 : 0) : null, (o, v) => set(o, v != 0),
            whenAbsent is bool absent ? (absent ? 1 : 0) : null);

    /// <summary>Writes the value, without name or kind.</summary>
    /// <exception cref="InvalidOperationException">The value is unset (null).</exception>
    public void WriteValue(BinaryWriter writer, AdaMomentum.Options options)
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
    public void ReadValue(BinaryReader reader, AdaMomentum.Options options) =>
        set(options, Kind == OptionKind.Number ? reader.ReadDouble() : CheckpointPrimitives.ReadFlag(reader, $"option '{Name}'") ? 1 : 0);

    /// <summary>True when a checkpoint that lacks this option would give back the value <paramref name="options"/> holds.</summary>
    public bool HoldsWhatAbsenceMeans(AdaMomentum.Options options) => whenAbsent is double absent && get(options) == absent;

    /// <summary>Sets the value a checkpoint that lacks this option means.</summary>
    /// <exception cref="InvalidDataException">Every checkpoint must hold this option.</exception>
    public void SetAbsent(AdaMomentum.Options options) =>
        set(options, whenAbsent ?? throw new InvalidDataException($"The checkpoint lacks the option '{Name}'."));
}
