using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>Fashion-MNIST with a two-hidden-layer perceptron (784-256-128-10, ReLU).</summary>
internal sealed class FashionMlpTask : FashionMnistTask
{
    public override string Name => "fashion-mlp";

    public override string Description => "Fashion-MNIST, multilayer perceptron 784-256-128-10";

    public override int DefaultEpochs => 20;

    public override Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings) =>
        Sequential(Flatten(), Linear(28 * 28, 256), ReLU(), Linear(256, 128), ReLU(), Linear(128, 10));
}
