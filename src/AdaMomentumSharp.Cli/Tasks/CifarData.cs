using AdaMomentumSharp.Cli.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>
/// CIFAR images [N, 3, 32, 32]: a training part served augmented (<see cref="CifarAugmentation"/>: crop, flip,
/// Cutout), a held-out validation part and the test set, both served as they are.
/// </summary>
/// <remarks>
/// Augmentation is drawn from the run's shuffling generator: each shuffled pass over the training part seeds a new
/// <see cref="CifarAugmentation"/> from it, so a run's seed fixes its crops as it fixes its batch order, and runs
/// sharing this data never share draws. An unshuffled pass over the training part (none in training) is not augmented.
/// </remarks>
public sealed class CifarData : TaskData
{
    private readonly ImageData images;
    private readonly ChannelStatistics statistics;

    /// <summary>Holds out the last <paramref name="validationCount"/> training images for validation; takes ownership of neither set.</summary>
    public CifarData(ColorImages train, ColorImages test, int validationCount, int? trainLimit, ChannelStatistics statistics)
    {
        images = new ImageData((train.Images, train.Labels), (test.Images, test.Labels), validationCount, trainLimit);
        this.statistics = statistics;
    }

    public override int Count(DataSplit split) => images.Count(split);

    public override IEnumerable<(Tensor Input, Tensor Target)> Batches(DataSplit split, int batchSize, Random? shuffle = null)
    {
        if (split != DataSplit.Train || shuffle is null)
        {
            return images.Batches(split, batchSize, shuffle);
        }
        var augmentation = new CifarAugmentation(statistics, shuffle.Next());
        return images.Batches(split, batchSize, shuffle).Select(batch => Augmented(batch, augmentation));
    }

    protected override void Dispose(bool disposing) => images.Dispose();

    private static (Tensor Input, Tensor Target) Augmented((Tensor Input, Tensor Target) batch, CifarAugmentation augmentation)
    {
        using Tensor plain = batch.Input;
        return (augmentation.Apply(plain), batch.Target);
    }
}
