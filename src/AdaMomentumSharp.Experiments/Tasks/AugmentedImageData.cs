using AdaMomentumSharp.Experiments.Data;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// Images whose training part is served augmented (<see cref="ImageAugmentation"/> under a policy: crop, flip and, for
/// CIFAR, Cutout); the held-out validation part and the test set are served as they are.
/// </summary>
/// <remarks>
/// Augmentation is drawn from the run's shuffling generator: each shuffled pass over the training part seeds a new
/// <see cref="ImageAugmentation"/> from it, so a run's seed fixes its crops as it fixes its batch order, and runs
/// sharing this data never share draws. An unshuffled pass over the training part (none in training) is not augmented.
/// </remarks>
/// <param name="images">The splits; this takes ownership of them.</param>
/// <param name="policy">How training images are augmented.</param>
internal sealed class AugmentedImageData(ImageData images, AugmentationPolicy policy) : TaskData
{
    public AugmentationPolicy Policy => policy;

    public override int Count(DataSplit split) => images.Count(split);

    public override IEnumerable<(Tensor Input, Tensor Target)> Batches(DataSplit split, int batchSize, Random? shuffle = null)
    {
        if (split != DataSplit.Train || shuffle is null)
        {
            return images.Batches(split, batchSize, shuffle);
        }
        var augmentation = new ImageAugmentation(policy, shuffle.Next());
        return images.Batches(split, batchSize, shuffle).Select(batch => Augmented(batch, augmentation));
    }

    protected override void Dispose(bool disposing) => images.Dispose();

    private static (Tensor Input, Tensor Target) Augmented((Tensor Input, Tensor Target) batch, ImageAugmentation augmentation)
    {
        using Tensor plain = batch.Input;
        return (augmentation.Apply(plain), batch.Target);
    }
}
