using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// Variational ("locked") dropout (Gal and Ghahramani, 2016), as AWD-LSTM applies it: one mask per sequence and
/// feature, shared by every time step, kept values scaled by 1 / (1 − p).
/// </summary>
internal static class LockedDropout
{
    /// <summary><paramref name="input"/> [time, batch, features] with a [1, batch, features] mask; unchanged when not training or p = 0.</summary>
    public static Tensor Apply(Tensor input, double p, bool training)
    {
        if (!training || p == 0)
        {
            return input.alias();
        }
        using Tensor mask = Mask([1, input.shape[1], input.shape[2]], p, input.dtype, input.device);
        return input * mask;
    }

    /// <summary>A dropout mask of <paramref name="shape"/>: each entry 0 with probability p, else 1 / (1 − p).</summary>
    internal static Tensor Mask(long[] shape, double p, ScalarType dtype, Device device)
    {
        // An explicit, disposed Scalar: TorchSharp 0.107's div_ reads an implicit Scalar's handle without keeping the
        // object alive, so the finalizer can free it during the native call (seen as a crash in a long ptb-lstm run).
        using Scalar keep = (1 - p).ToScalar();
        return torch.empty(shape, dtype: dtype, device: device).bernoulli_(1 - p).div_(keep);
    }
}
