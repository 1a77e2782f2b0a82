using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>StudioGAN's <c>ortho</c> initialization, which the authors' DCGAN configs select for both networks.</summary>
internal static class DcganInitialization
{
    /// <summary>Every convolution, transposed convolution and linear layer of <paramref name="model"/>: orthogonal weights, zero biases; batch norm keeps its defaults.</summary>
    public static void Orthogonal(Module model)
    {
        using var noGrad = torch.no_grad();
        foreach (Module module in model.modules())
        {
            var (weight, bias) = module switch
            {
                Conv2d conv => (conv.weight, conv.bias),
                ConvTranspose2d deconv => (deconv.weight, deconv.bias),
                Linear linear => (linear.weight, linear.bias),
                _ => (null, null),
            };
            if (weight is not null)
            {
                init.orthogonal_(weight);
            }
            if (bias is not null)
            {
                init.zeros_(bias);
            }
        }
    }
}
