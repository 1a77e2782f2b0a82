using System.Globalization;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>One line per epoch and per message, for redirected output, --quiet and the run log.</summary>
public sealed class PlainProgress(TextWriter output) : IProgressSink
{
    private string label = "";
    private int epochs;

    public void RunStarted(string label, int epochs, int batchesPerEpoch)
    {
        (this.label, this.epochs) = (label, epochs);
        Write($"[{label}] starting: {epochs} epochs of {batchesPerEpoch} batches");
    }

    public void BatchFinished(int epoch, double loss)
    {
    }

    public void EpochFinished(EpochMetrics m, string metricName) => Write(FormattableString.Invariant(
        $"[{label}] epoch {m.Epoch}/{epochs} lr {m.Lr:G3} train loss {m.TrainLoss:F4} val {metricName} {m.ValMetric:F4} test {metricName} {m.TestMetric:F4} ({m.Seconds:F1} s)"));

    public void RunFinished() => Write($"[{label}] done");

    public void Message(string text) => Write(text);

    private void Write(string line)
    {
        output.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {line}");
        output.Flush();
    }
}
