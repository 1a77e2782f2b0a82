using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// The DCGAN discriminator of the authors' GAN code (StudioGAN's <c>deep_conv.py</c>, no spectral norm): three blocks
/// of a 3×3 convolution and a 4×4 stride-2 convolution (channels→64, 64→128, 128→256; 32→16→8→4), a 3×3 convolution
/// to 512, each convolution followed by batch norm (eps 1e-4) and ReLU, then a sum over the 4×4 positions and a linear
/// layer to one logit (channels for the authors' width 64). ReLU, not leaky ReLU: the authors' <c>DCGAN_*.yaml</c> leave StudioGAN's default
/// <c>d_act_fn: ReLU</c>. Weights start orthogonal, biases 0.
/// </summary>
/// <remarks>
/// Parameters at the authors' width 64: 2,931,009 for 3 channels (CIFAR-10), 2,929,857 for 1 (Fashion-MNIST, padded to
/// 32×32). A smaller <c>width</c> scales every block's channels (w, 2w, 4w, 8w).
/// </remarks>
internal sealed class DcganDiscriminator : Module<Tensor, Tensor>
{
    private readonly Sequential body;
    private readonly Linear linear;

    public DcganDiscriminator(int channels, int width = DcganGenerator.DefaultWidth)
        : base(nameof(DcganDiscriminator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var layers = new List<Module<Tensor, Tensor>>();
        int previous = channels;
        foreach (int next in new[] { width, 2 * width, 4 * width })
        {
            layers.AddRange([
                Conv2d(previous, next, 3, padding: 1), BatchNorm2d(next, eps: 1e-4), ReLU(),
                Conv2d(next, next, 4, stride: 2, padding: 1), BatchNorm2d(next, eps: 1e-4), ReLU()]);
            previous = next;
        }
        layers.AddRange([Conv2d(4 * width, 8 * width, 3, padding: 1), BatchNorm2d(8 * width, eps: 1e-4), ReLU()]);
        body = Sequential(layers);
        linear = Linear(8 * width, 1);
        RegisterComponents();
        DcganInitialization.Orthogonal(this);
    }

    /// <summary>Images [N, channels, 32, 32] to real-versus-fake logits [N].</summary>
    public override Tensor forward(Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        Tensor pooled = body.call(images).sum([2, 3]);
        return linear.call(pooled).view(-1).MoveToOuterDisposeScope();
    }
}
