using AdaMomentumSharp.Experiments.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// A character corpus cut into non-overlapping windows of <see cref="SequenceLength"/> + 1 characters: the model reads
/// the first <see cref="SequenceLength"/> and predicts each next one, so targets are the window shifted by one.
/// </summary>
internal sealed class TextData : TaskData
{
    private readonly Dictionary<DataSplit, Tensor> windows = [];

    public TextData(TextCorpus corpus, int sequenceLength, int? trainLimit)
    {
        Alphabet = corpus.Alphabet;
        SequenceLength = sequenceLength;
        windows[DataSplit.Train] = Windows(corpus.Train, sequenceLength, trainLimit);
        windows[DataSplit.Validation] = Windows(corpus.Validation, sequenceLength, null);
        windows[DataSplit.Test] = Windows(corpus.Test, sequenceLength, null);
    }

    public char[] Alphabet { get; }

    public int SequenceLength { get; }

    public override int Count(DataSplit split) => (int)windows[split].shape[0];

    public override IEnumerable<(Tensor Input, Tensor Target)> Batches(DataSplit split, int batchSize, Random? shuffle = null)
    {
        Tensor all = windows[split];
        using Tensor inputs = all[.., ..SequenceLength];
        using Tensor targets = all[.., 1..];
        foreach (var (input, target) in Batches(inputs, targets, batchSize, shuffle))
        {
            yield return (input, target.reshape(-1));
        }
    }

    protected override void Dispose(bool disposing)
    {
        foreach (Tensor tensor in windows.Values)
        {
            tensor.Dispose();
        }
    }

    private static Tensor Windows(int[] text, int sequenceLength, int? limit)
    {
        int count = Math.Min((text.Length - 1) / sequenceLength, limit ?? int.MaxValue);
        if (count < 1)
        {
            throw new ArgumentException($"A text of {text.Length} characters holds no window of {sequenceLength + 1}.", nameof(text));
        }
        var data = new long[count * (sequenceLength + 1)];
        for (int w = 0; w < count; w++)
        {
            for (int i = 0; i <= sequenceLength; i++)
            {
                data[w * (sequenceLength + 1) + i] = text[w * sequenceLength + i];
            }
        }
        return torch.tensor(data, [count, sequenceLength + 1]).DetachFromDisposeScope();
    }
}
