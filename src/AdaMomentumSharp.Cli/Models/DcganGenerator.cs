using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Cli.Models;

/// <summary>
/// The DCGAN generator of the authors' GAN code (PyTorch-StudioGAN's <c>deep_conv.py</c>, unconditional, no spectral
/// norm, no attention): z → linear to 512 × 4 × 4, three 4×4 stride-2 transposed convolutions (512→256→128→64, each
/// with batch norm, eps 1e-4, and ReLU) to 32×32, a 3×3 convolution to the image channels, tanh. Weights start
/// orthogonal, biases 0 (their <c>g_init: ortho</c>).
/// </summary>
/// <remarks>
/// Parameters with z of 128: 3,812,355 for 3 channels (CIFAR-10), 3,811,201 for 1 (Fashion-MNIST, padded to 32×32).
/// </remarks>
public sealed class DcganGenerator : Module<Tensor, Tensor>
{
    public const int DefaultLatent = 128, Side = 32;

    private readonly Linear project;
    private readonly Sequential body;

    public DcganGenerator(int channels, int latent = DefaultLatent)
        : base(nameof(DcganGenerator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(latent, 1);
        Latent = latent;
        project = Linear(latent, 512 * 4 * 4);
        body = Sequential(
            ConvTranspose2d(512, 256, 4, stride: 2, padding: 1), BatchNorm2d(256, eps: 1e-4), ReLU(),
            ConvTranspose2d(256, 128, 4, stride: 2, padding: 1), BatchNorm2d(128, eps: 1e-4), ReLU(),
            ConvTranspose2d(128, 64, 4, stride: 2, padding: 1), BatchNorm2d(64, eps: 1e-4), ReLU(),
            Conv2d(64, channels, 3, padding: 1), Tanh());
        RegisterComponents();
        DcganInitialization.Orthogonal(this);
    }

    public int Latent { get; }

    /// <summary>z [N, latent] to images [N, channels, 32, 32] in [−1, 1].</summary>
    public override Tensor forward(Tensor z)
    {
        using var scope = torch.NewDisposeScope();
        return body.call(project.call(z).view(-1, 512, 4, 4)).MoveToOuterDisposeScope();
    }
}
