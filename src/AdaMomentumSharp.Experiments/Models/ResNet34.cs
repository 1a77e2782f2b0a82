using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// ResNet-34 for 32×32 images, as the authors' <c>CNN_CIFAR/model/resnet.py</c> (<c>ResNet34</c>): a 3×3 stem of 64
/// channels (no max-pool), basic blocks 3, 4, 6, 3 at widths 64, 128, 256, 512 (stride 2 entering each stage after
/// the first), 4×4 average pooling and one linear layer. PyTorch's default initialization.
/// </summary>
/// <remarks>
/// Parameters: 21,282,122 for 10 classes, 21,328,292 for 100 (stem 1,856; stages 221,952, 1,116,416, 6,822,400 and
/// 13,114,368; linear 513 per class). The authors' class defaults to 100 outputs and they build it without an argument,
/// so their CIFAR-10 runs carry 100 logits; ours ends in <c>classes</c>.
/// </remarks>
internal sealed class ResNet34 : Module<Tensor, Tensor>
{
    private static readonly (int Width, int Blocks)[] Stages = [(64, 3), (128, 4), (256, 6), (512, 3)];

    private readonly Sequential stem;
    private readonly Sequential stages;
    private readonly Linear linear;

    public ResNet34(int classes)
        : base(nameof(ResNet34))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        stem = Sequential(Conv2d(3, 64, 3, padding: 1, bias: false), BatchNorm2d(64), ReLU());
        var blocks = new List<Module<Tensor, Tensor>>();
        int channels = 64;
        for (int stage = 0; stage < Stages.Length; stage++)
        {
            var (width, count) = Stages[stage];
            for (int block = 0; block < count; block++)
            {
                blocks.Add(new ResNetBasicBlock(channels, width, stride: stage > 0 && block == 0 ? 2 : 1));
                channels = width;
            }
        }
        stages = Sequential(blocks);
        linear = Linear(512, classes);
        RegisterComponents();
    }

    /// <summary>[N, 3, 32, 32] to logits [N, classes].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        Tensor features = functional.avg_pool2d(stages.call(stem.call(input)), 4).flatten(1);
        return linear.call(features).MoveToOuterDisposeScope();
    }
}
