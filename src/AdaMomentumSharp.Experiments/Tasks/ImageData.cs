using AdaMomentumSharp.Experiments.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>Labelled images as tensors [N, C, H, W]: a training part, a held-out validation part and the test set.</summary>
internal sealed class ImageData : TaskData
{
    private readonly Dictionary<DataSplit, (Tensor Images, Tensor Labels)> splits = [];

    /// <summary>Grey images; holds out the last <paramref name="validationCount"/> training images for validation.</summary>
    public ImageData(LabeledImages train, LabeledImages test, int validationCount, int? trainLimit)
    {
        using var scope = torch.NewDisposeScope();
        Split(Tensors(train), Tensors(test), validationCount, trainLimit);
    }

    /// <summary>Images [N, C, H, W] with their labels (taking ownership of neither set); holds out the last <paramref name="validationCount"/> training images.</summary>
    public ImageData((Tensor Images, Tensor Labels) train, (Tensor Images, Tensor Labels) test, int validationCount, int? trainLimit) =>
        Split(train, test, validationCount, trainLimit);

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

    private void Split((Tensor Images, Tensor Labels) train, (Tensor Images, Tensor Labels) test, int validationCount, int? trainLimit)
    {
        int count = (int)train.Labels.shape[0];
        if (count <= validationCount)
        {
            throw new ArgumentException($"{count} training images cannot spare {validationCount} for validation.", nameof(validationCount));
        }
        int trainCount = Math.Min(count - validationCount, trainLimit ?? int.MaxValue);
        splits[DataSplit.Train] = Slice(train, 0, trainCount);
        splits[DataSplit.Validation] = Slice(train, count - validationCount, validationCount);
        splits[DataSplit.Test] = Slice(test, 0, (int)test.Labels.shape[0]);
    }

    private static (Tensor, Tensor) Slice((Tensor Images, Tensor Labels) images, int start, int count) => (
        images.Images.narrow(0, start, count).clone().DetachFromDisposeScope(),
        images.Labels.narrow(0, start, count).clone().DetachFromDisposeScope());

    /// <summary>Grey images as [N, 1, H, W] and their labels as [N], new tensors the caller owns.</summary>
    public static (Tensor Images, Tensor Labels) Tensors(LabeledImages images) => (
        torch.tensor(images.Pixels, [images.Count, 1, images.Height, images.Width]),
        torch.tensor(images.Labels));
}
