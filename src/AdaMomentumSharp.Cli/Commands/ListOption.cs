using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// Options that take a list, parsed in one place: items may be comma-separated (<c>--optimizers adam,sgdm</c>, as the
/// scripts and docs write them), space-separated (<c>--optimizers adam sgdm</c>) or given by repeating the option.
/// A bad item, or no item at all, is a parse error naming the option, the item and the rule.
/// </summary>
public static class ListOption
{
    private delegate bool ItemParser<T>(string item, out T value);

    /// <summary>Names from <paramref name="allowed"/> (any case; returned as spelled there), repeats dropped.</summary>
    public static Option<string[]> OfNames(string name, string description, IEnumerable<string> allowed, params string[] defaults)
    {
        string[] known = [.. allowed];
        Option<string[]> option = Create(name, description, $"each item must be one of {string.Join(", ", known)}",
            (string item, out string value) => (value = known.FirstOrDefault(k => k.Equals(item, StringComparison.OrdinalIgnoreCase))!) is not null);
        option.CompletionSources.Add(known);
        // Named in help by one word, the names in the description: listed in the usage column they widen every line.
        option.HelpName = "names";
        option.Description = $"{description} Comma-separated, any of: {string.Join(", ", known)}.";
        if (defaults.Length > 0)
        {
            option.DefaultValueFactory = _ => defaults;
        }
        return option;
    }

    /// <summary>Positive finite numbers, repeats dropped.</summary>
    public static Option<double[]> OfPositiveNumbers(string name, string description) =>
        Create(name, description, "each item must be a positive number", (string item, out double value) => TryParsePositive(item, out value));

    /// <summary><c>name=number</c> pairs: names from <paramref name="allowed"/> (returned as spelled there), numbers positive.</summary>
    public static Option<(string Name, double Value)[]> OfNamedPositiveNumbers(string name, string description, IEnumerable<string> allowed) =>
        OfNamedNumbers(name, description, allowed, "positive", TryParsePositive);

    /// <summary><c>name=number</c> pairs: names from <paramref name="allowed"/> (returned as spelled there), numbers zero or positive.</summary>
    public static Option<(string Name, double Value)[]> OfNamedNonNegativeNumbers(string name, string description, IEnumerable<string> allowed) =>
        OfNamedNumbers(name, description, allowed, "zero or positive", TryParseNonNegative);

    private static Option<(string Name, double Value)[]> OfNamedNumbers(string name, string description, IEnumerable<string> allowed,
                                                                       string numberRule, ItemParser<double> parseNumber)
    {
        string[] known = [.. allowed];
        bool TryParsePair(string item, out (string Name, double Value) pair)
        {
            pair = default;
            if (item.Split('=', StringSplitOptions.TrimEntries) is not [var key, var number]
                || known.FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase)) is not string spelled
                || !parseNumber(number, out double value))
            {
                return false;
            }
            pair = (spelled, value);
            return true;
        }
        return Create<(string, double)>(name, description,
            $"each item must be NAME=NUMBER with NAME one of {string.Join(", ", known)} and NUMBER {numberRule}", TryParsePair);
    }

    private static Option<T[]> Create<T>(string name, string description, string rule, ItemParser<T> parse) => new(name)
    {
        Description = description,
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result => Parse(result, name, rule, parse),
    };

    private static T[] Parse<T>(ArgumentResult result, string name, string rule, ItemParser<T> parse)
    {
        var values = new List<T>();
        foreach (string item in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (!parse(item, out T value))
            {
                result.AddError($"{name}: '{item}' is not allowed; {rule}.");
                return [];
            }
            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }
        if (values.Count == 0)
        {
            // "" or "," would otherwise run with no optimizer, function or grid at all, or silently with the defaults.
            result.AddError($"{name} '{string.Join(" ", result.Tokens.Select(t => t.Value))}': the list is empty; give at least one item ({rule}).");
        }
        return [.. values];
    }

    private static bool TryParsePositive(string text, out double value) => TryParseNonNegative(text, out value) && value > 0;

    private static bool TryParseNonNegative(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= 0 && double.IsFinite(value);
}
