using System.Collections.Concurrent;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// A run's label and status ("epoch 3/10 · loss 0.4123") in the width the <see cref="LiveLayout"/> leaves: on one line
/// when both fit, else the label over the status, each cut with an ellipsis rather than wrapped.
/// </summary>
public sealed class RunDescriptionColumn(LiveLayout layout) : ProgressColumn
{
    private const string Separator = " · ";

    // Spectre keeps one line of description per task; the two parts live here, written by training, read by rendering.
    private readonly ConcurrentDictionary<int, (string Label, string Status)> runs = new();

    protected override bool NoWrap => true;

    /// <summary>Sets what <paramref name="task"/> shows (its own description too, for Spectre's non-live fallback).</summary>
    public void Describe(ProgressTask task, string label, string status)
    {
        runs[task.Id] = (label, status);
        task.Description = Markup.Escape(label + Separator + status);
    }

    public override int? GetColumnWidth(RenderOptions options) => layout.DescriptionWidth(options.ConsoleSize.Width);

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var (label, status) = runs.GetValueOrDefault(task.Id, (task.Description, ""));
        int width = layout.DescriptionWidth(options.ConsoleSize.Width);
        return label.Length + Separator.Length + status.Length <= width
            ? Fitted(label + Separator + status)
            : new Rows(Fitted(label), Fitted(status));
    }

    private static Text Fitted(string text) => new(text) { Overflow = Overflow.Ellipsis };
}
