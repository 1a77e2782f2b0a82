using AdaMomentumSharp.Experiments.Data;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// A word corpus fed as AWD-LSTM feeds it (<see cref="BpttBatches"/>): training in as many columns as the batch size,
/// windows of variable length around <see cref="BpttBatches.SequenceLength"/> drawn from the run's generator, in order;
/// validation in 10 columns and test in as many as the task asks (AWD-LSTM's 1 by default), in windows of 70 rows,
/// whatever batch size evaluation asks for. Inputs are
/// time-major [rows, columns], targets the next rows flattened row by row.
/// </summary>
internal sealed class WordData : TaskData
{
    private readonly Dictionary<DataSplit, int[]> tokens = [];

    private readonly int testColumns;

    /// <param name="trainLimit">Train on the first N windows of <see cref="BpttBatches.SequenceLength"/> rows; null for all.</param>
    /// <param name="testColumns">Columns the test stream is read in.</param>
    public WordData(WordCorpus corpus, int? trainLimit, int testColumns = BpttBatches.TestColumns)
    {
        this.testColumns = testColumns;
        Vocabulary = corpus.Vocabulary;
        TrainLimit = trainLimit;
        tokens[DataSplit.Train] = corpus.Train;
        tokens[DataSplit.Validation] = corpus.Validation;
        tokens[DataSplit.Test] = corpus.Test;
    }

    public WordVocabulary Vocabulary { get; }

    public int? TrainLimit { get; }

    /// <summary>The tokens of <paramref name="split"/> (not batches: the trainer uses it only to size its progress display).</summary>
    public override int Count(DataSplit split) => tokens[split].Length;

    /// <summary>
    /// Windows in a pass: the stream in its columns, cut into windows of <see cref="BpttBatches.SequenceLength"/> rows
    /// (training windows vary in length around it, so for training this is the expected count), at most the train limit.
    /// </summary>
    public override int BatchCount(DataSplit split, int batchSize)
    {
        int columns = Columns(split, batchSize);
        long rows = tokens[split].Length / columns;
        if (split == DataSplit.Train && TrainLimit is int limit)
        {
            rows = Math.Min(rows, (long)limit * BpttBatches.SequenceLength + 1);
        }
        return (int)Math.Max(0, (rows - 1 + BpttBatches.SequenceLength - 1) / BpttBatches.SequenceLength);
    }

    public override IEnumerable<(Tensor Input, Tensor Target)> Batches(DataSplit split, int batchSize, Random? shuffle = null)
    {
        int columns = Columns(split, batchSize);
        using Tensor all = BpttBatches.Batchify(tokens[split], columns);
        int rows = (int)all.shape[0];
        if (split == DataSplit.Train && TrainLimit is int limit)
        {
            rows = (int)Math.Min(rows, (long)limit * BpttBatches.SequenceLength + 1);
        }
        using Tensor source = all[..rows];
        IEnumerable<(int Start, int Length)> windows = split == DataSplit.Train
            ? BpttBatches.TrainingWindows(rows, BpttBatches.SequenceLength, shuffle ?? new Random(0))
            : BpttBatches.EvaluationWindows(rows, BpttBatches.SequenceLength);
        foreach (var (start, length) in windows)
        {
            yield return BpttBatches.Window(source, start, length);
        }
    }

    private int Columns(DataSplit split, int batchSize) => split switch
    {
        DataSplit.Train => batchSize,
        DataSplit.Validation => BpttBatches.ValidationColumns,
        _ => testColumns,
    };

    /// <summary>Nothing to release: the token arrays are managed and each pass batchifies its own tensors.</summary>
    protected override void Dispose(bool disposing)
    {
    }
}
