using System.Globalization;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// Range checks for command-line values whose message reads as a person's, not .NET's: it names the option, the value
/// and what is allowed, in one line (no "(Parameter '…')" or "Actual value was" appended).
/// </summary>
public static class OptionCheck
{
    /// <param name="minimumNamed">The option the minimum comes from, if any, so the message says why it is that number.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is below <paramref name="minimum"/>.</exception>
    public static T AtLeast<T>(T value, T minimum, string option, string? minimumNamed = null)
        where T : IComparable<T>
    {
        if (value.CompareTo(minimum) < 0)
        {
            string least = minimumNamed is null ? FormattableString.Invariant($"{minimum}") : FormattableString.Invariant($"{minimumNamed} ({minimum})");
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} {value}: it must be {least} or more."));
        }
        return value;
    }
}
