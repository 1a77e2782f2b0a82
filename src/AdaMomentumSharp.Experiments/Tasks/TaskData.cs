using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// A task's data, loaded once and shared by every run of a comparison, served as (input, target) batches in the
/// form the task's model and recipe read (for classification: class indices for logits [N, classes]).
/// </summary>
public abstract class TaskData : IDisposable
{
    /// <summary>Number of examples in <paramref name="split"/>.</summary>
    public abstract int Count(DataSplit split);

    /// <summary>The split in batches; shuffled by <paramref name="shuffle"/> when one is given.</summary>
    public abstract IEnumerable<(Tensor Input, Tensor Target)> Batches(DataSplit split, int batchSize, Random? shuffle = null);

    /// <summary>Batches in a pass over <paramref name="split"/>, for progress displays.</summary>
    public virtual int BatchCount(DataSplit split, int batchSize) => (Count(split) + batchSize - 1) / batchSize;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);

    /// <summary>Rows of <paramref name="all"/> in batches, in order or in a permutation drawn from <paramref name="shuffle"/>.</summary>
    protected static IEnumerable<(Tensor Input, Tensor Target)> Batches(Tensor inputs, Tensor targets, int batchSize, Random? shuffle)
    {
        long count = inputs.shape[0];
        long[] order = Enumerable.Range(0, (int)count).Select(i => (long)i).ToArray();
        shuffle?.Shuffle(order);
        for (long start = 0; start < count; start += batchSize)
        {
            long[] rows = order[(int)start..(int)Math.Min(count, start + batchSize)];
            using Tensor index = torch.tensor(rows);
            yield return (inputs.index_select(0, index), targets.index_select(0, index));
        }
    }
}
