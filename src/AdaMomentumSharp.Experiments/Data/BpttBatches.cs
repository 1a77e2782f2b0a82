using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// Truncated back-propagation through time as AWD-LSTM (Merity et al., 2018; the authors' <c>LSTM_Penn_Treebank</c>)
/// feeds a corpus: the token stream is cut into <c>columns</c> equal contiguous pieces side by side, and windows of
/// rows are read top to bottom, each target the token one row below its input.
/// </summary>
internal static class BpttBatches
{
    /// <summary>AWD-LSTM's training and evaluation batch sizes and sequence length for Penn Treebank.</summary>
    public const int TrainColumns = 20, ValidationColumns = 10, TestColumns = 1, SequenceLength = 70;

    /// <summary>
    /// int64 [rows, columns] with rows = ⌊tokens / columns⌋, the leftover tokens dropped: column j holds tokens
    /// [j·rows, (j + 1)·rows), so each column is a contiguous stretch of text read downwards.
    /// </summary>
    public static Tensor Batchify(int[] tokens, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        int rows = tokens.Length / columns;
        if (rows < 2)
        {
            throw new ArgumentException($"{tokens.Length} tokens in {columns} columns leave {rows} rows; a window needs 2.", nameof(tokens));
        }
        var data = new long[rows * columns];
        for (int j = 0; j < columns; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                data[i * columns + j] = tokens[j * rows + i];
            }
        }
        return torch.tensor(data, [rows, columns]);
    }

    /// <summary>
    /// The window at row <paramref name="start"/>: input rows [start, start + n) as [n, columns], targets rows
    /// [start + 1, start + 1 + n) flattened row by row to [n·columns], with n = min(length, rows − 1 − start).
    /// </summary>
    public static (Tensor Input, Tensor Target) Window(Tensor source, int start, int length)
    {
        int rows = (int)source.shape[0];
        int n = Math.Min(length, rows - 1 - start);
        if (start < 0 || n < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"A window of {length} rows must start in [0, {rows - 1}) of {rows} rows.");
        }
        return (source[start..(start + n)], source[(start + 1)..(start + 1 + n)].reshape(-1));
    }

    /// <summary>Evaluation windows as AWD-LSTM reads them: starts 0, length, 2·length, … below rows − 1, each with its actual length.</summary>
    public static IEnumerable<(int Start, int Length)> EvaluationWindows(int rows, int length)
    {
        for (int start = 0; start < rows - 1; start += length)
        {
            yield return (start, Math.Min(length, rows - 1 - start));
        }
    }

    /// <summary>
    /// Training windows as AWD-LSTM draws them: each length from <see cref="DrawLength"/>, the next start that many rows
    /// on, while start &lt; rows − 2. Length is the drawn one (AWD-LSTM scales the learning rate by it over bptt); the
    /// last window may hold fewer rows (see <see cref="Window"/>).
    /// </summary>
    public static IEnumerable<(int Start, int Length)> TrainingWindows(int rows, int bptt, Random random)
    {
        for (int start = 0; start < rows - 2;)
        {
            int length = DrawLength(random, bptt);
            yield return (start, length);
            start += length;
        }
    }

    /// <summary>
    /// AWD-LSTM's variable sequence length: the base is bptt with probability 0.95, bptt / 2 otherwise; the length is a
    /// normal draw around the base with standard deviation 5, truncated to an integer, at least 5.
    /// </summary>
    public static int DrawLength(Random random, int bptt)
    {
        double mean = random.NextDouble() < 0.95 ? bptt : bptt / 2.0;
        // Box–Muller: 1 − U keeps the logarithm's argument in (0, 1].
        double normal = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        return Math.Max(5, (int)(mean + 5 * normal));
    }
}
