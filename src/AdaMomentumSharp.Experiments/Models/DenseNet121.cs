using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// DenseNet-121 (DenseNet-BC, blocks of 6, 12, 24, 16 bottleneck layers, compression 0.5) for 32×32 images, as the
/// authors' <c>CNN_CIFAR/model/densenet.py</c>: a 3×3 stem of 2 × growth channels, no initial pooling, transitions
/// halving width and resolution, then BN-ReLU, 4×4 average pooling and one linear layer.
/// </summary>
/// <remarks>
/// With growth 32 (<see cref="StandardGrowth"/>, DenseNet-121 proper): 6,956,298 parameters for 10 classes,
/// 7,048,548 for 100. The authors' <c>main.py</c> maps <c>--model dense-121</c> to <c>densenet_cifar()</c>, the same
/// blocks with growth 12 (<see cref="AuthorsGrowth"/>): 1,000,618 parameters for 10 classes, 1,035,268 for 100 (their
/// class always ends in 100 outputs).
/// </remarks>
internal sealed class DenseNet121 : Module<Tensor, Tensor>
{
    public const int StandardGrowth = 32, AuthorsGrowth = 12;

    private static readonly int[] BlockLayers = [6, 12, 24, 16];

    private readonly Sequential body;
    private readonly BatchNorm2d bn;
    private readonly Linear linear;

    public DenseNet121(int classes, int growth = StandardGrowth)
        : base(nameof(DenseNet121))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(growth, 1);
        int channels = 2 * growth;
        var layers = new List<Module<Tensor, Tensor>> { Conv2d(3, channels, 3, padding: 1, bias: false) };
        for (int block = 0; block < BlockLayers.Length; block++)
        {
            for (int layer = 0; layer < BlockLayers[block]; layer++)
            {
                layers.Add(new DenseNetBottleneck(channels, growth));
                channels += growth;
            }
            if (block < BlockLayers.Length - 1)
            {
                layers.Add(new DenseNetTransition(channels, channels / 2));
                channels /= 2;
            }
        }
        body = Sequential(layers);
        bn = BatchNorm2d(channels);
        linear = Linear(channels, classes);
        RegisterComponents();
    }

    /// <summary>[N, 3, 32, 32] to logits [N, classes].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor features = functional.avg_pool2d(functional.relu(bn.call(body.call(input))), 4).flatten(1);
        return linear.call(features).MoveToOuterDisposeScope();
    }
}
