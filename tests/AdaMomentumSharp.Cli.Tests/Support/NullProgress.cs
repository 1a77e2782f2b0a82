using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>A progress sink that shows nothing, for tests that drive a comparison directly.</summary>
public class NullProgress : IProgressSink
{
    public virtual void RunStarted(string label, int epochs, int batchesPerEpoch)
    {
    }

    public virtual void BatchFinished(int epoch, double loss)
    {
    }

    public void EpochFinished(EpochMetrics metrics, string metricName)
    {
    }

    public void RunFinished()
    {
    }

    public void Message(string text)
    {
    }
}
