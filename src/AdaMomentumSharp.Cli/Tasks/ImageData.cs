using AdaMomentumSharp.Cli.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>Labelled images as tensors [N, 1, H, W]: a training part, a held-out validation part and the test set.</summary>
public sealed class ImageData : TaskData
{
    private readonly Dictionary<DataSplit, (Tensor Images, Tensor Labels)> splits = [];

    /// <summary>Holds out the last <paramref name="validationCount"/> training images for validation.</summary>
    public ImageData(LabeledImages train, LabeledImages test, int validationCount, int? trainLimit)
    {
        if (train.Count <= validationCount)
        {
            throw new ArgumentException($"{train.Count} training images cannot spare {validationCount} for validation.", nameof(validationCount));
        }
        int trainCount = Math.Min(train.Count - validationCount, trainLimit ?? int.MaxValue);
        splits[DataSplit.Train] = ToTensors(train.Slice(0, trainCount));
        splits[DataSplit.Validation] = ToTensors(train.Slice(train.Count - validationCount, validationCount));
        splits[DataSplit.Test] = ToTensors(test);
    }

    public override int Count(DataSplit split) => (int)splits[split].Labels.shape[0];

    public override IEnumerable<(Tensor Input, Tensor Target)> Batches(DataSplit split, int batchSize, Random? shuffle = null) =>
        Batches(splits[split].Images, splits[split].Labels, batchSize, shuffle);

    protected override void Dispose(bool disposing)
    {
        foreach (var (images, labels) in splits.Values)
        {
            images.Dispose();
            labels.Dispose();
        }
    }

    private static (Tensor, Tensor) ToTensors(LabeledImages images) => (
        torch.tensor(images.Pixels, [images.Count, 1, images.Height, images.Width]).DetachFromDisposeScope(),
        torch.tensor(images.Labels).DetachFromDisposeScope());
}
