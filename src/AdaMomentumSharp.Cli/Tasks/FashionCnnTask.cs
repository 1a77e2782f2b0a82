using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>Fashion-MNIST with a small convolutional network: two 3×3 conv + max-pool stages, then two dense layers.</summary>
public sealed class FashionCnnTask : FashionMnistTask
{
    public override string Name => "fashion-cnn";

    public override string Description => "Fashion-MNIST, CNN conv16-pool-conv32-pool-fc128-fc10";

    public override int DefaultEpochs => 10;

    public override Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings) => Sequential(
        Conv2d(1, 16, 3, padding: 1), ReLU(), MaxPool2d(2),
        Conv2d(16, 32, 3, padding: 1), ReLU(), MaxPool2d(2),
        Flatten(), Linear(32 * 7 * 7, 128), ReLU(), Linear(128, 10));
}
