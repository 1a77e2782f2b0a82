using AdaMomentumSharp.Experiments.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// Fashion-MNIST with a small convolutional network: two 3×3 conv + max-pool stages, then two dense layers. The
/// augmented variant trains on cropped and flipped images (<see cref="AugmentationPolicy.FashionMnist"/>) under the
/// authors' CIFAR schedule (×0.2 at 30, 60 and 80 % of the epochs): the paper's image protocol at a size this machine
/// can train to convergence.
/// </summary>
/// <param name="augmented">Whether training images are augmented (and the default schedule is cifar-step).</param>
internal sealed class FashionCnnTask(bool augmented = false) : FashionMnistTask
{
    public override string Name => augmented ? "fashion-cnn-augmented" : "fashion-cnn";

    public override string Description =>
        "Fashion-MNIST, CNN conv16-pool-conv32-pool-fc128-fc10" + (augmented ? "; crop and flip, cifar-step schedule" : "");

    public override int DefaultEpochs => augmented ? 20 : 10;

    public override string DefaultSchedule => augmented ? "cifar-step" : base.DefaultSchedule;

    protected override TaskData Load(TaskSettings settings, CancellationToken cancellation)
    {
        var images = (ImageData)base.Load(settings, cancellation);
        return augmented ? new AugmentedImageData(images, AugmentationPolicy.FashionMnist) : images;
    }

    public override Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings) => Sequential(
        Conv2d(1, 16, 3, padding: 1), ReLU(), MaxPool2d(2),
        Conv2d(16, 32, 3, padding: 1), ReLU(), MaxPool2d(2),
        Flatten(), Linear(32 * 7 * 7, 128), ReLU(), Linear(128, 10));
}
