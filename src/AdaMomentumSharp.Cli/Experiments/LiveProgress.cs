using Spectre.Console;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>A live Spectre.Console display: a bar per run with its epoch, running loss and time remaining.</summary>
public sealed class LiveProgress(ProgressContext context) : IProgressSink
{
    private ProgressTask? task;
    private string label = "";
    private int epochs;

    /// <summary>Runs <paramref name="work"/> under a live display with description, bar, percentage and ETA columns.</summary>
    public static void Run(Action<IProgressSink> work) => AnsiConsole.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                 new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
        .Start(context => work(new LiveProgress(context)));

    public void RunStarted(string label, int epochs, int batchesPerEpoch)
    {
        (this.label, this.epochs) = (label, epochs);
        task = context.AddTask(Markup.Escape(label), maxValue: epochs * batchesPerEpoch);
    }

    public void BatchFinished(int epoch, double loss)
    {
        task!.Increment(1);
        task.Description = Markup.Escape($"{label} · epoch {epoch}/{epochs} · loss {loss:F4}");
    }

    public void EpochFinished(EpochMetrics m, string metricName) =>
        task!.Description = Markup.Escape($"{label} · epoch {m.Epoch}/{epochs} · val {metricName} {m.ValMetric:F4}");

    public void RunFinished()
    {
        task!.Value = task.MaxValue;
        task.StopTask();
    }

    public void Message(string text) => AnsiConsole.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
}
