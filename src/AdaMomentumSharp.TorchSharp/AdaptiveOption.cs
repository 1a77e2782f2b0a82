using System.Globalization;

namespace AdaMomentumSharp;

/// <summary>
/// One hyperparameter of an <see cref="AdaptiveOptimizer{TOptions, TState}"/>, described once for everything that
/// handles options by name: PyTorch's keyword for it, its kind, its default, the values it allows, and what a
/// checkpoint written before it existed means by lacking it. An optimizer's option table is a list of these;
/// validation, messages, group defaults and checkpoints all read it.
/// </summary>
public sealed class AdaptiveOption
{
    private readonly Func<double, bool> allows;

    private AdaptiveOption(string name, OptionKind kind, double @default, Func<double, bool> allows, string rule, double? valueWhenAbsent)
    {
        Name = name;
        Kind = kind;
        Default = @default;
        this.allows = allows;
        Rule = rule;
        ValueWhenAbsent = valueWhenAbsent;
    }

    /// <summary>PyTorch's keyword: the argument, the group option and the checkpoint's name for it (<c>lr</c>, <c>beta1</c>, …).</summary>
    public string Name { get; }

    /// <summary>Number or flag.</summary>
    public OptionKind Kind { get; }

    /// <summary>The optimizer's default (a flag's as 0 or 1).</summary>
    public double Default { get; }

    /// <summary>The allowed values, as a message ends: "a finite number ≥ 0", "in [0, 1)", "0 or 1".</summary>
    public string Rule { get; }

    /// <summary>The value a checkpoint written before the option existed means by lacking it, or null when every checkpoint holds it.</summary>
    public double? ValueWhenAbsent { get; }

    /// <summary>Finite and ≥ 0 (−0.0 is zero: a schedule that multiplies by 0 may produce it).</summary>
    public static AdaptiveOption NonNegative(string name, double @default) =>
        new(name, OptionKind.Number, @default, v => double.IsFinite(v) && v >= 0, "a finite number ≥ 0", null);

    /// <summary>A decay rate, in [0, 1).</summary>
    public static AdaptiveOption Decay(string name, double @default) =>
        new(name, OptionKind.Number, @default, v => v >= 0 && v < 1, "in [0, 1)", null);

    /// <summary>A number in the open interval (0, 1).</summary>
    public static AdaptiveOption OpenUnit(string name, double @default) =>
        new(name, OptionKind.Number, @default, v => v > 0 && v < 1, "in (0, 1)", null);

    /// <summary>A flag, held as 0 or 1.</summary>
    public static AdaptiveOption Flag(string name, bool @default, bool? valueWhenAbsent = null) =>
        new(name, OptionKind.Flag, @default ? 1 : 0, v => v is 0 or 1, "0 or 1", valueWhenAbsent is bool absent ? (absent ? 1 : 0) : null);

    /// <summary>The core library's <paramref name="option"/>, under its PyTorch name, with <paramref name="default"/>.</summary>
    internal static AdaptiveOption From(AdaMomentumOption option, double @default) =>
        new(option.PyTorchName, option.Kind, @default, option.Allows, option.Rule, option.ValueWhenAbsent);

    /// <summary>Whether <paramref name="value"/> is allowed.</summary>
    public bool Allows(double value) => allows(value);

    /// <summary>Throws unless <see cref="Allows"/> <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The message gives the name, the value and the rule, as the core library's options do.</exception>
    public void Check(double value)
    {
        if (!Allows(value))
        {
            throw new ArgumentOutOfRangeException(Name, value, $"{Name} = {value.ToString(CultureInfo.InvariantCulture)}: it must be {Rule}.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
