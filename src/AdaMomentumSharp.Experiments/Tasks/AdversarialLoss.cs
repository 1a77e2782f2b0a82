using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// The "vanilla" GAN loss the authors' StudioGAN configs leave as default: binary cross-entropy of the discriminator's
/// logits against 1 (real) or 0 (fake). The discriminator minimizes it on real and generated images; the generator
/// minimizes it on its own images labelled real (the non-saturating form).
/// </summary>
internal sealed class AdversarialLoss : ILossFunction
{
    public static AdversarialLoss Instance { get; } = new();

    private AdversarialLoss()
    {
    }

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="labelSmoothing"/> is not 0: GAN recipes smooth no labels.</exception>
    public Tensor Compute(Tensor output, Tensor target, double labelSmoothing, nn.Reduction reduction = nn.Reduction.Mean)
    {
        if (labelSmoothing != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(labelSmoothing), labelSmoothing, "The adversarial loss takes no label smoothing.");
        }
        return nn.functional.binary_cross_entropy_with_logits(output, target, reduction: reduction);
    }
}
