using System.Globalization;

namespace AdaMomentumSharp;

/// <summary>How an option's value is held. The numbers are part of the TorchSharp package's checkpoint format.</summary>
public enum OptionKind : byte
{
    /// <summary>A double.</summary>
    Number = 1,

    /// <summary>A flag; as a number, 0 (false) or 1 (true).</summary>
    Flag = 2,
}

/// <summary>Which of an option's names a message uses.</summary>
public enum OptionNames
{
    /// <summary>The .NET property of <see cref="AdaMomentumOptions"/>: <c>LearningRate</c>, <c>Beta1</c>, ….</summary>
    DotNet,

    /// <summary>PyTorch's keyword argument: <c>lr</c>, <c>beta1</c>, ….</summary>
    PyTorch,
}

/// <summary>
/// One hyperparameter of <see cref="AdaMomentumOptions"/>, described once for everything that handles options by name:
/// its names, kind, default, allowed range and accessors. Validation, both state formats and the TorchSharp package's
/// options read <see cref="AdaMomentumOptions.All"/>, so an option is added there and nowhere else.
/// </summary>
/// <remarks>Values pass as <see cref="double"/>; a flag's is 0 or 1.</remarks>
public sealed class AdaMomentumOption
{
    private readonly Func<AdaMomentumOptions, double> get;
    private readonly Func<AdaMomentumOptions, double, AdaMomentumOptions> with;
    private readonly Range range;

    private AdaMomentumOption(string name, string pyTorchName, OptionKind kind, Range range, Func<AdaMomentumOptions, double> get,
                              Func<AdaMomentumOptions, double, AdaMomentumOptions> with, double? valueWhenAbsent)
    {
        Name = name;
        PyTorchName = pyTorchName;
        Kind = kind;
        this.range = range;
        this.get = get;
        this.with = with;
        ValueWhenAbsent = valueWhenAbsent;
    }

    /// <summary>What values an option accepts.</summary>
    internal enum Range
    {
        /// <summary>Finite and ≥ 0 (−0.0 is zero: a schedule that multiplies by 0 may produce it).</summary>
        NonNegative,

        /// <summary>In [0, 1): a decay rate.</summary>
        Decay,

        /// <summary>0 or 1.</summary>
        Flag,
    }

    /// <summary>The .NET property's name; the core state format saves the option under it, so it never changes.</summary>
    public string Name { get; }

    /// <summary>PyTorch's keyword for it: the TorchSharp package's argument and option name, and its checkpoints' name for it.</summary>
    public string PyTorchName { get; }

    /// <summary>Number or flag.</summary>
    public OptionKind Kind { get; }

    /// <summary>Its value in <c>new AdaMomentumOptions()</c>.</summary>
    public double Default => get(new AdaMomentumOptions());

    /// <summary>
    /// The value a saved state written before the option existed means by lacking it (the behaviour of those versions),
    /// or null for the options every saved state holds.
    /// </summary>
    public double? ValueWhenAbsent { get; }

    /// <summary>The allowed values, as a message ends: "a finite number ≥ 0", "in [0, 1)", "0 or 1".</summary>
    public string Rule => range switch
    {
        Range.NonNegative => "a finite number ≥ 0",
        Range.Decay => "in [0, 1)",
        _ => "0 or 1",
    };

    /// <summary>The option's value in <paramref name="options"/> (a flag's as 0 or 1).</summary>
    public double Get(AdaMomentumOptions options) => get(options);

    /// <summary><paramref name="options"/> with this option set to <paramref name="value"/> (a flag is true unless 0); not validated.</summary>
    public AdaMomentumOptions With(AdaMomentumOptions options, double value) => with(options, value);

    /// <summary><see cref="Name"/> or <see cref="PyTorchName"/>.</summary>
    public string NameIn(OptionNames names) => names == OptionNames.PyTorch ? PyTorchName : Name;

    /// <summary>Whether <paramref name="value"/> is allowed.</summary>
    public bool Allows(double value) => range switch
    {
        Range.NonNegative => double.IsFinite(value) && value >= 0,
        Range.Decay => value >= 0 && value < 1,
        _ => value is 0 or 1,
    };

    /// <summary>Throws unless <see cref="Allows"/> <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Named by <paramref name="names"/>; the message gives the name, the value and the rule.</exception>
    public void Check(double value, OptionNames names = OptionNames.DotNet)
    {
        if (!Allows(value))
        {
            string name = NameIn(names);
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value.ToString(CultureInfo.InvariantCulture)}: it must be {Rule}.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    internal static AdaMomentumOption Number(string name, string pyTorchName, Range range, Func<AdaMomentumOptions, double> get,
                                             Func<AdaMomentumOptions, double, AdaMomentumOptions> with) =>
        new(name, pyTorchName, OptionKind.Number, range, get, with, valueWhenAbsent: null);

    internal static AdaMomentumOption Flag(string name, string pyTorchName, Func<AdaMomentumOptions, bool> get,
                                           Func<AdaMomentumOptions, bool, AdaMomentumOptions> with, bool? valueWhenAbsent = null) =>
        new(name, pyTorchName, OptionKind.Flag, Range.Flag, o => get(o) ? 1 : 0, (o, value) => with(o, value != 0),
            valueWhenAbsent is bool absent ? (absent ? 1 : 0) : null);
}
