using System.Text;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// The Markdown tables of the reports and `bench`, written one way: a header row, then the alignment row (the first
/// column, a name, left-aligned; the others, numbers, right-aligned unless centred), then one row per line.
/// </summary>
public static class MarkdownTable
{
    /// <param name="rows">Rows made with <see cref="Row"/>.</param>
    /// <param name="centred">Columns to centre (a check mark, say), counted from 0.</param>
    public static string Of(IReadOnlyList<string> headers, IEnumerable<string> rows, params int[] centred)
    {
        var md = new StringBuilder().AppendLine(Row(headers));
        md.AppendLine("|" + string.Concat(headers.Select((_, i) => (i == 0 ? "---" : centred.Contains(i) ? ":---:" : "---:") + "|")));
        foreach (string row in rows)
        {
            md.AppendLine(row);
        }
        return md.ToString();
    }

    /// <summary>One row, e.g. <c>| adam | 0.001 | 1 |</c>; cells are written as given.</summary>
    public static string Row(IEnumerable<string> cells) => $"| {string.Join(" | ", cells)} |";
}
