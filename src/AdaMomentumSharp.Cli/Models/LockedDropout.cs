using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Models;

/// <summary>
/// Variational ("locked") dropout (Gal and Ghahramani, 2016), as AWD-LSTM applies it: one mask per sequence and
/// feature, shared by every time step, kept values scaled by 1 / (1 − p).
/// </summary>
public static class LockedDropout
{
    /// <summary><paramref name="input"/> [time, batch, features] with a [1, batch, features] mask; unchanged when not training or p = 0.</summary>
    public static Tensor Apply(Tensor input, double p, bool training)
    {
        if (!training || p == 0)
        {
            return input.alias();
        }
        // An explicit, disposed Scalar: TorchSharp 0.107's div_ reads an implicit Scalar's handle without keeping the
        // object alive, so the finalizer can free it during the native call (seen as a crash in a long ptb-lstm run).
        using Scalar keep = (1 - p).ToScalar();
        using Tensor mask = torch.empty(1, input.shape[1], input.shape[2], dtype: input.dtype, device: input.device).bernoulli_(1 - p).div_(keep);
        return input * mask;
    }
}
