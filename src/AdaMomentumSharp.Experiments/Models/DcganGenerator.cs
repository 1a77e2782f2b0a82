using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// The DCGAN generator of the authors' GAN code (PyTorch-StudioGAN's <c>deep_conv.py</c>, unconditional, no spectral
/// norm, no attention): z → linear to 512 × 4 × 4, three 4×4 stride-2 transposed convolutions (512→256→128→64, each
/// with batch norm, eps 1e-4, and ReLU) to 32×32, a 3×3 convolution to the image channels, tanh. Weights start
/// orthogonal, biases 0 (their <c>g_init: ortho</c>).
/// </summary>
/// <remarks>
/// Parameters with z of 128 and the authors' width 64: 3,812,355 for 3 channels (CIFAR-10), 3,811,201 for 1
/// (Fashion-MNIST, padded to 32×32). A smaller <c>width</c> scales every block's channels (8w, 4w, 2w, w) to fit a small machine.
/// </remarks>
internal sealed class DcganGenerator : Module<Tensor, Tensor>
{
    public const int DefaultLatent = 128, DefaultWidth = 64, Side = 32;

    private readonly Linear project;
    private readonly Sequential body;
    private readonly int top;

    public DcganGenerator(int channels, int latent = DefaultLatent, int width = DefaultWidth)
        : base(nameof(DcganGenerator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(latent, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        Latent = latent;
        top = 8 * width;
        project = Linear(latent, top * 4 * 4);
        body = Sequential(
            ConvTranspose2d(8 * width, 4 * width, 4, stride: 2, padding: 1), BatchNorm2d(4 * width, eps: 1e-4), ReLU(),
            ConvTranspose2d(4 * width, 2 * width, 4, stride: 2, padding: 1), BatchNorm2d(2 * width, eps: 1e-4), ReLU(),
            ConvTranspose2d(2 * width, width, 4, stride: 2, padding: 1), BatchNorm2d(width, eps: 1e-4), ReLU(),
            Conv2d(width, channels, 3, padding: 1), Tanh());
        RegisterComponents();
        DcganInitialization.Orthogonal(this);
    }

    public int Latent { get; }

    /// <summary>z [N, latent] to images [N, channels, 32, 32] in [−1, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = torch.NewDisposeScope();
        return body.call(project.call(z).view(-1, top, 4, 4)).MoveToOuterDisposeScope();
    }
}
