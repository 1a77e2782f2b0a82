using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// The one line a person sees when a command cannot do what was asked, exit code <see cref="ExitCode"/>: the option and
/// the problem, never a stack trace, a help page or .NET's own "(Parameter 'x')" and "Actual value was" phrasing.
/// </summary>
public static partial class ErrorLine
{
    /// <summary>Exit code of a command refused for its input: 2, as shells and grep report misuse.</summary>
    public const int ExitCode = 2;

    /// <summary>The parse errors of a command line, each naming its option, and where to find the options.</summary>
    public static string ForParseErrors(ParseResult parsed)
    {
        IEnumerable<string> problems = parsed.Errors.Select(e => NamingItsOption(e.Message, e.SymbolResult));
        // The whole path of a subcommand's subcommand (`adamomentum sweep run`), since `adamomentum run` is no command.
        var path = new List<string>();
        for (SymbolResult? at = parsed.CommandResult; at is not null; at = at.Parent)
        {
            if (at is CommandResult command)
            {
                path.Insert(0, command.Command.Name);
            }
        }
        return OneLine($"error: {string.Join(" ", problems.Distinct())} ('{string.Join(" ", path)} --help' lists the options.)");
    }

    /// <summary>The message of an exception that reached the command line, in one line without .NET's suffixes.</summary>
    public static string For(Exception exception) => "error: " + Message(exception);

    /// <summary>The line of <see cref="For"/> without its "error: ", for a record that says what it is by where it is kept.</summary>
    public static string Message(Exception exception) => OneLine(exception switch
    {
        NonFiniteGradientException gradient => string.Create(CultureInfo.InvariantCulture,
            $"training diverged: element {gradient.ElementIndex} of parameter {gradient.BufferIndex}'s gradient became {gradient.Value}, and AdaMomentum " +
                $"does not step on non-finite gradients. Use a smaller learning rate (--lr, --lr-grid)."),
        ArgumentException argument => WithoutDotNetSuffixes(argument),
        _ => exception.Message,
    });

    /// <summary>
    /// Removes what ArgumentException and ArgumentOutOfRangeException append to a message (the parameter's name and the
    /// value), by asking .NET for those suffixes rather than spelling them here, so that any language setting matches.
    /// </summary>
    private static string WithoutDotNetSuffixes(ArgumentException exception)
    {
        string message = exception.Message;
        if (exception is ArgumentOutOfRangeException { ActualValue: not null } range)
        {
            message = message.Replace(new ArgumentOutOfRangeException(null, range.ActualValue, "").Message, "");
        }
        if (exception.ParamName is not null)
        {
            message = message.Replace(new ArgumentException("", exception.ParamName).Message, "");
        }
        return message;
    }

    /// <summary>
    /// System.CommandLine's "Argument 'x' not recognized" does not say for which option, and its "Cannot parse argument
    /// 'x' … as expected type 'System.Nullable`1[System.Int32]'" speaks .NET: this names the option and the rule.
    /// </summary>
    private static string NamingItsOption(string message, SymbolResult? where)
    {
        if ((where as OptionResult ?? where?.Parent as OptionResult) is not OptionResult result)
        {
            return message;
        }
        string option = result.Option.Name;
        Type type = Nullable.GetUnderlyingType(result.Option.ValueType) ?? result.Option.ValueType;
        if (message.Contains("expected type", StringComparison.Ordinal) && (type == typeof(int) || type == typeof(long)))
        {
            return $"{option} '{string.Join(" ", result.Tokens.Select(t => t.Value))}': it must be a whole number.";
        }
        return message.Contains(option, StringComparison.Ordinal) ? message : $"{option}: {message}";
    }

    private static string OneLine(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
