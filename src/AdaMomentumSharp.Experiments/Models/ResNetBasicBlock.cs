using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// ResNet's basic block (He et al., 2016): two 3×3 convolutions with batch norm, added to the input, then ReLU; when
/// the stride or width changes, the input passes through a 1×1 convolution and batch norm first (option B).
/// </summary>
internal sealed class ResNetBasicBlock : Module<Tensor, Tensor>
{
    private readonly Conv2d conv1, conv2;
    private readonly BatchNorm2d bn1, bn2;
    private readonly Sequential? shortcut;

    public ResNetBasicBlock(int inChannels, int outChannels, int stride)
        : base(nameof(ResNetBasicBlock))
    {
        conv1 = Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        bn1 = BatchNorm2d(outChannels);
        conv2 = Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        bn2 = BatchNorm2d(outChannels);
        if (stride != 1 || inChannels != outChannels)
        {
            shortcut = Sequential(Conv2d(inChannels, outChannels, 1, stride: stride, bias: false), BatchNorm2d(outChannels));
        }
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor output = bn2.call(conv2.call(functional.relu(bn1.call(conv1.call(input)))));
        Tensor identity = shortcut is null ? input : shortcut.call(input);
        return functional.relu(output.add(identity, KeptScalars.One)).MoveToOuterDisposeScope();
    }
}
