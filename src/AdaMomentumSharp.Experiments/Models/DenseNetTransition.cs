using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>DenseNet's transition between dense blocks: BN-ReLU-1×1 conv to fewer channels, then 2×2 average pooling.</summary>
internal sealed class DenseNetTransition : Module<Tensor, Tensor>
{
    private readonly BatchNorm2d bn;
    private readonly Conv2d conv;

    public DenseNetTransition(int inChannels, int outChannels)
        : base(nameof(DenseNetTransition))
    {
        bn = BatchNorm2d(inChannels);
        conv = Conv2d(inChannels, outChannels, 1, bias: false);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        return functional.avg_pool2d(conv.call(functional.relu(bn.call(input))), 2).MoveToOuterDisposeScope();
    }
}
