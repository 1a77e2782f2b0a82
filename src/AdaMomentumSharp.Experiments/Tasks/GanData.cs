using AdaMomentumSharp.Experiments.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// A GAN task's data: its images in normalized form (batches of (images, labels); the labels go unused), how they map
/// to the DCGAN's pixel range, and the feature classifier that scores generated images against a split. Owns all three.
/// </summary>
internal sealed class GanData(ImageData images, FeatureClassifier classifier, IGanPixels pixels) : TaskData
{
    private readonly Dictionary<DataSplit, Tensor> realFeatures = [];

    public FeatureClassifier Classifier => classifier;

    public IGanPixels Pixels => pixels;

    public override int Count(DataSplit split) => images.Count(split);

    /// <summary>
    /// The classifier's features of the split's images [N, 128], in batch order: computed on first use and kept, since
    /// they are the same at every evaluation.
    /// </summary>
    public Tensor RealFeatures(DataSplit split)
    {
        if (!realFeatures.TryGetValue(split, out Tensor? features))
        {
            using var scope = torch.NewDisposeScope();
            features = torch.cat(images.Batches(split, 1000).Select(batch => classifier.Features(batch.Input)).ToList(), 0).DetachFromDisposeScope();
            realFeatures[split] = features;
        }
        return features;
    }

    public override IEnumerable<(Tensor Input, Tensor Target)> Batches(DataSplit split, int batchSize, Random? shuffle = null) =>
        images.Batches(split, batchSize, shuffle);

    protected override void Dispose(bool disposing)
    {
        foreach (Tensor features in realFeatures.Values)
        {
            features.Dispose();
        }
        images.Dispose();
        classifier.Dispose();
    }
}
