using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// VGG-16 with batch normalization for 32×32 images, as the authors' <c>CNN_CIFAR/model/vgg.py</c> (<c>vgg16_bn</c>):
/// thirteen 3×3 convolutions (64, 64, M, 128, 128, M, 256 ×3, M, 512 ×3, M, 512 ×3, M; each conv + BN + ReLU),
/// then dropout, 512→512, ReLU, dropout, 512→512, ReLU, 512→classes. Convolutions start from N(0, 2 / (9 · out)),
/// biases 0, as theirs.
/// </summary>
/// <remarks>
/// Parameters: 15,253,578 for 10 classes, 15,299,748 for 100 (convolutions 14,714,688, batch norm 8,448, the
/// 512-512 classifier 525,312, the last layer 513 per class). The often-quoted 14.7 M is the variant with a single
/// 512→classes layer. The authors' class always ends in 100 outputs, CIFAR-10 included; ours ends in <c>classes</c>.
/// </remarks>
internal sealed class Vgg16Bn : Module<Tensor, Tensor>
{
    private static readonly int[] Configuration = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0];

    private readonly Sequential features;
    private readonly Sequential classifier;

    public Vgg16Bn(int classes)
        : base(nameof(Vgg16Bn))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var layers = new List<Module<Tensor, Tensor>>();
        int channels = 3;
        foreach (int width in Configuration)
        {
            if (width == 0)
            {
                layers.Add(MaxPool2d(2, 2));
                continue;
            }
            var conv = Conv2d(channels, width, 3, padding: 1);
            using (torch.no_grad())
            {
                init.normal_(conv.weight, 0, Math.Sqrt(2.0 / (3 * 3 * width)));
                init.zeros_(conv.bias);
            }
            layers.AddRange([conv, BatchNorm2d(width), ReLU()]);
            channels = width;
        }
        features = Sequential(layers);
        classifier = Sequential(Dropout(), Linear(512, 512), ReLU(), Dropout(), Linear(512, 512), ReLU(), Linear(512, classes));
        RegisterComponents();
    }

    /// <summary>[N, 3, 32, 32] to logits [N, classes].</summary>
    public override Tensor forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        return classifier.call(features.call(input).flatten(1)).MoveToOuterDisposeScope();
    }
}
