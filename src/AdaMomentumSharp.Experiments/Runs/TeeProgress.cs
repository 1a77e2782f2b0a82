namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>Sends every report to several sinks: the console display and the run log.</summary>
public sealed class TeeProgress(params IProgressSink[] sinks) : IProgressSink
{
    public void RunStarted(string label, int epochs, int batchesPerEpoch) => Each(s => s.RunStarted(label, epochs, batchesPerEpoch));

    public void BatchFinished(int epoch, double loss) => Each(s => s.BatchFinished(epoch, loss));

    public void EpochFinished(EpochMetrics metrics, string metricName) => Each(s => s.EpochFinished(metrics, metricName));

    public void RunFinished() => Each(s => s.RunFinished());

    public void Message(string text) => Each(s => s.Message(text));

    private void Each(Action<IProgressSink> action)
    {
        foreach (IProgressSink sink in sinks)
        {
            action(sink);
        }
    }
}
