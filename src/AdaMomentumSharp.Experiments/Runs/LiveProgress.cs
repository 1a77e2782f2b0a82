using Spectre.Console;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// A live Spectre.Console display: a bar per run with its epoch, running loss and time remaining, laid out for the
/// console's width (<see cref="LiveLayout"/>).
/// </summary>
public sealed class LiveProgress(IAnsiConsole console, ProgressContext context, RunDescriptionColumn description) : IProgressSink
{
    private ProgressTask? task;
    private string label = "";
    private int epochs;

    /// <summary>Runs <paramref name="work"/> under a live display on the terminal.</summary>
    public static void Run(Action<LiveProgress> work) => Run(AnsiConsole.Console, work);

    /// <summary>Runs <paramref name="work"/> under a live display on <paramref name="console"/>.</summary>
    public static void Run(IAnsiConsole console, Action<LiveProgress> work)
    {
        var layout = LiveLayout.For(console.Profile.Width);
        var description = new RunDescriptionColumn(layout);
        console.Progress()
            .AutoClear(false)
            .Columns(layout.Columns(description))
            .Start(context => work(new LiveProgress(console, context, description)));
    }

    /// <summary>Another sink on the same display, for a run trained at the same time as this one's (a local worker's).</summary>
    public LiveProgress Another() => new(console, context, description);

    public void RunStarted(string label, int epochs, int batchesPerEpoch)
    {
        (this.label, this.epochs) = (label, epochs);
        task = context.AddTask(Markup.Escape(label), maxValue: (double)epochs * batchesPerEpoch);
        Show($"epoch 1/{epochs}");
    }

    public void BatchFinished(int epoch, double loss)
    {
        task!.Increment(1);
        Show($"epoch {epoch}/{epochs} · loss {loss:F4}");
    }

    public void EpochFinished(EpochMetrics m, string metricName) => Show($"epoch {m.Epoch}/{epochs} · val {metricName} {m.ValMetric:F4}");

    public void RunFinished()
    {
        task!.Value = task.MaxValue;
        task.StopTask();
    }

    public void Message(string text) => console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");

    private void Show(string status) => description.Describe(task!, label, status);
}
