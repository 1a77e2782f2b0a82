using System.Text.RegularExpressions;

namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// Splits a line of English into lower-case word tokens: runs of letters and digits, keeping apostrophes inside words
/// ("don't", "o'clock"), and each run of one punctuation or symbol character as a token of its own ("...", "--", "?").
/// </summary>
internal static partial class EnglishWords
{
    public static string[] Tokenize(string line) =>
        Token().Matches(line.ToLowerInvariant()).Select(match => match.Value).ToArray();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|([^\s\p{L}\p{N}])\1*")]
    private static partial Regex Token();
}
