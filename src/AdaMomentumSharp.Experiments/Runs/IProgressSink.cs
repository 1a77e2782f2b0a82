namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>Where a comparison reports what it is doing: a live display on a terminal, plain lines elsewhere.</summary>
public interface IProgressSink
{
    void RunStarted(string label, int epochs, int batchesPerEpoch);

    void BatchFinished(int epoch, double loss);

    void EpochFinished(EpochMetrics metrics, string metricName);

    void RunFinished();

    void Message(string text);
}
