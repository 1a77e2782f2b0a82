using System.Globalization;
using System.Reflection;
using System.Text;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// What a person needs when a results folder was made with other settings than the command asks for: each setting
/// that differs, its value in the folder and now, and the two ways on (another folder, or the folder's values).
/// </summary>
internal static class SettingsMismatch
{
    /// <summary>One setting that differs, with the compare option that sets it (null: the task's recipe fixes it).</summary>
    public sealed record Difference(string Setting, string? Option, object? InFolder, object? Now);

    /// <summary>The settings that differ, in <see cref="ExperimentSettings"/>' order: its stored settings, not properties derived from them.</summary>
    public static IReadOnlyList<Difference> Between(ExperimentSettings inFolder, ExperimentSettings now) =>
        typeof(ExperimentSettings).GetConstructors().Single().GetParameters()
            .Select(parameter => typeof(ExperimentSettings).GetProperty(parameter.Name!, BindingFlags.Public | BindingFlags.Instance)!)
            .Select(p => new Difference(p.Name, OptionOf(p.Name), p.GetValue(inFolder), p.GetValue(now)))
            .Where(d => !Equals(d.InFolder, d.Now))
            .ToList();

    /// <summary>One paragraph naming each difference and how to proceed.</summary>
    public static string Describe(string directory, ExperimentSettings inFolder, ExperimentSettings now)
    {
        var differences = Between(inFolder, now);
        var text = new StringBuilder($"{directory} holds runs made with other settings: ");
        text.AppendJoin("; ", differences.Select(d =>
            $"{d.Option ?? Spelled(d.Setting, ' ') + " (the task's recipe)"} {Show(d.Setting, d.InFolder)} there, {Show(d.Setting, d.Now)} now"));
        text.Append(". Use another --out folder to start afresh");
        var fixedByRecipe = differences.Where(d => d.Option is null).Select(d => Spelled(d.Setting, ' ')).ToList();
        if (fixedByRecipe.Count > 0)
        {
            return text.Append($"; this folder cannot be resumed, since this version's recipe for {now.Task} sets {string.Join(" and ", fixedByRecipe)} otherwise.").ToString();
        }
        return text.Append(", or resume this one with ")
            .AppendJoin(" ", differences.Select(d => d.InFolder is null && d.Setting != nameof(ExperimentSettings.TrainLimit)
                ? $"{d.Option} left out"
                : $"{d.Option} {AsArgument(d.InFolder)}"))
            .Append('.').ToString();
    }

    /// <summary>The compare option that sets a setting (BatchSize: --batch-size); null for those the task's recipe fixes.</summary>
    private static string? OptionOf(string setting) => setting switch
    {
        nameof(ExperimentSettings.WeightDecay) or nameof(ExperimentSettings.Eps) or nameof(ExperimentSettings.ActivationRegularization)
            or nameof(ExperimentSettings.TemporalActivationRegularization) or nameof(ExperimentSettings.LrScaledByWindow) => null,
        nameof(ExperimentSettings.EpsOverrides) => "--eps",
        nameof(ExperimentSettings.WeightDecayOverrides) => "--weight-decay",
        nameof(ExperimentSettings.DataDirectory) => "--data",
        _ => "--" + Spelled(setting, '-'),
    };

    /// <summary>A property name in lower case with <paramref name="separator"/> between its words: WeightDecay, ' ' → "weight decay".</summary>
    private static string Spelled(string setting, char separator) =>
        string.Concat(setting.Select((c, i) => char.IsUpper(c) && i > 0 ? $"{separator}{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));

    /// <summary>A value as a person reads it; no train limit means all examples.</summary>
    private static string Show(string setting, object? value) => value switch
    {
        null => setting == nameof(ExperimentSettings.TrainLimit) ? "all" : "the default",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };

    /// <summary>A value as the option takes it: --train-limit 0 asks for all examples; a path with spaces is quoted.</summary>
    private static string AsArgument(object? value) => value switch
    {
        null => "0",
        string s when s.Contains(' ') => $"'{s}'",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)!,
    };
}
