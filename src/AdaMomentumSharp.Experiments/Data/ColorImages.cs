using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Data;

/// <summary>Colour images as one normalized float32 tensor [N, C, H, W] with their class labels (int64 [N]).</summary>
internal sealed class ColorImages : IDisposable
{
    public ColorImages(Tensor images, Tensor labels, int classes)
    {
        if (images.dim() != 4 || labels.dim() != 1 || images.shape[0] != labels.shape[0])
        {
            throw new ArgumentException(
                $"Images [{string.Join(", ", images.shape)}] and labels [{string.Join(", ", labels.shape)}] are not [N, C, H, W] and [N].", nameof(images));
        }
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        Classes = classes;
    }

    public Tensor Images { get; }

    public Tensor Labels { get; }

    public int Classes { get; }

    public int Count => (int)Labels.shape[0];

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
