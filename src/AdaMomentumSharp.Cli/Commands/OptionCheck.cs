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

    /// <param name="why">Where the maximum comes from, so that the message says why it is that number.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is below <paramref name="minimum"/> or above <paramref name="maximum"/>.</exception>
    public static T Between<T>(T value, T minimum, T maximum, string option, string why)
        where T : IComparable<T>
    {
        AtLeast(value, minimum, option);
        if (value.CompareTo(maximum) > 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{option} {value}: it must be {maximum} or less ({why})."));
        }
        return value;
    }

    /// <summary>A path option, which an empty value would turn into the current folder or a .NET message naming nothing.</summary>
    /// <param name="what">What the path must name, e.g. "a folder for the results".</param>
    /// <exception cref="ArgumentException">The path is empty or only white space.</exception>
    public static string NotEmptyPath(string path, string option, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException($"{option} '{path}': the path is empty; it must name {what}.");
        }
        return path;
    }

    /// <summary>A folder to read, whose message for a file says so rather than "no such folder".</summary>
    /// <param name="what">What the folder must be, e.g. "a results folder written by `adamomentum compare`".</param>
    /// <exception cref="ArgumentException">The path is empty, a file, or nothing.</exception>
    public static string ExistingFolder(string path, string option, string what)
    {
        NotEmptyPath(path, option, what);
        if (File.Exists(path))
        {
            throw new ArgumentException($"{option} '{path}' is a file; give {what}.");
        }
        return Directory.Exists(path) ? path : throw new ArgumentException($"{option} '{path}': no such folder; give {what}.");
    }
}
