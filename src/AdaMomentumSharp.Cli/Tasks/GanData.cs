using AdaMomentumSharp.Cli.Evaluation;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>
/// A GAN task's data: its images in normalized form (batches of (images, labels); the labels go unused), how they map
/// to the DCGAN's pixel range, and the feature classifier that scores generated images against a split. Owns all three.
/// </summary>
public sealed class GanData(ImageData images, FeatureClassifier classifier, IGanPixels pixels) : TaskData
{
    public FeatureClassifier Classifier => classifier;

    public IGanPixels Pixels => pixels;

    public override int Count(DataSplit split) => images.Count(split);

    public override IEnumerable<(Tensor Input, Tensor Target)> Batches(DataSplit split, int batchSize, Random? shuffle = null) =>
        images.Batches(split, batchSize, shuffle);

    protected override void Dispose(bool disposing)
    {
        images.Dispose();
        classifier.Dispose();
    }
}
