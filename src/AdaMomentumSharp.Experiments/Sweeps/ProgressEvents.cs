using System.Text.Json;
using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>
/// A worker's progress as lines on its standard output, which the process that started it turns back into calls on
/// its own display (`sweep run --progress-events`, read by <see cref="LocalSweep"/>): one JSON object per line after
/// <see cref="Prefix"/>, so that anything else the worker prints still reads as a message.
/// </summary>
public static class ProgressEvents
{
    public const string Prefix = "@progress ";

    private sealed record Event(
        string Kind, string? Label = null, int Epochs = 0, int Batches = 0, int Epoch = 0, double Loss = 0,
        EpochMetrics? Metrics = null, string? MetricName = null, string? Text = null);

    /// <summary>A sink that writes each call as one line on <paramref name="output"/>.</summary>
    public static IProgressSink Writer(TextWriter output) => new Encoder(output);

    /// <summary>Replays <paramref name="line"/> on <paramref name="sink"/>: an event as the call it was, any other line as a message.</summary>
    public static void Replay(string line, IProgressSink sink)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            sink.Message(line);
            return;
        }
        Event e = JsonSerializer.Deserialize<Event>(line[Prefix.Length..], ResultsJson.Options)!;
        switch (e.Kind)
        {
            case nameof(IProgressSink.RunStarted): sink.RunStarted(e.Label!, e.Epochs, e.Batches); break;
            case nameof(IProgressSink.BatchFinished): sink.BatchFinished(e.Epoch, e.Loss); break;
            case nameof(IProgressSink.EpochFinished): sink.EpochFinished(e.Metrics!, e.MetricName!); break;
            case nameof(IProgressSink.RunFinished): sink.RunFinished(); break;
            default: sink.Message(e.Text ?? ""); break;
        }
    }

    private sealed class Encoder(TextWriter output) : IProgressSink
    {
        public void RunStarted(string label, int epochs, int batchesPerEpoch) =>
            Write(new Event(nameof(RunStarted), Label: label, Epochs: epochs, Batches: batchesPerEpoch));

        public void BatchFinished(int epoch, double loss) => Write(new Event(nameof(BatchFinished), Epoch: epoch, Loss: loss));

        public void EpochFinished(EpochMetrics metrics, string metricName) =>
            Write(new Event(nameof(EpochFinished), Metrics: metrics, MetricName: metricName));

        public void RunFinished() => Write(new Event(nameof(RunFinished)));

        public void Message(string text) => Write(new Event(nameof(Message), Text: text));

        private void Write(Event e)
        {
            var compact = new JsonSerializerOptions(ResultsJson.Options) { WriteIndented = false };
            output.WriteLine(Prefix + JsonSerializer.Serialize(e, compact));
            output.Flush();
        }
    }
}
