using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// DenseNet-BC's layer (Huang et al., 2017): BN-ReLU-1×1 conv to 4 × growth channels, BN-ReLU-3×3 conv to growth
/// channels, and the result stacked in front of the input, so the width grows by <c>growth</c>.
/// </summary>
internal sealed class DenseNetBottleneck : Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn1, bn2;
    private readonly Conv2d conv1, conv2;

    public DenseNetBottleneck(int inChannels, int growth)
        : base(nameof(DenseNetBottleneck))
    {
        bn1 = BatchNorm2d(inChannels);
        conv1 = Conv2d(inChannels, 4 * growth, 1, bias: false);
        bn2 = BatchNorm2d(4 * growth);
        conv2 = Conv2d(4 * growth, growth, 3, padding: 1, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor output = conv2.call(functional.relu(bn2.call(conv1.call(functional.relu(bn1.call(input))))));
        return torch.cat([output, input], 1).MoveToOuterDisposeScope();
    }
}
