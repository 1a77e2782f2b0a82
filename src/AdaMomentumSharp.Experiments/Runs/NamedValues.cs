using System.Globalization;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// Per-optimizer values as experiment.json stores them: <c>name=value</c> pairs, comma-separated, sorted by name, each
/// value round-trippable; the same text the option takes (<c>--eps adam=1e-08,adamomentum=1e-16</c>), so a settings
/// mismatch can tell the user the exact option to resume with, and two folders compare equal when their values do.
/// </summary>
internal static class NamedValues
{
    /// <summary>The canonical text of <paramref name="pairs"/>; null when there are none.</summary>
    public static string? Format(IEnumerable<(string Name, double Value)> pairs)
    {
        var sorted = pairs.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.ToString("R", CultureInfo.InvariantCulture)}").ToList();
        return sorted.Count == 0 ? null : string.Join(",", sorted);
    }

    /// <summary>The pairs of <paramref name="text"/>, as <see cref="Format"/> wrote them.</summary>
    public static IReadOnlyList<(string Name, double Value)> Parse(string? text) =>
    [
        .. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(parts => parts.Length == 2 && parts[0].Length > 0)
            .Select(parts => (parts[0], double.Parse(parts[1], CultureInfo.InvariantCulture))),
    ];

    /// <summary>The value <paramref name="text"/> gives <paramref name="name"/>; null when it gives none.</summary>
    public static double? Find(string? text, string name) =>
        Parse(text).Where(p => p.Name == name).Select(p => (double?)p.Value).FirstOrDefault();
}
