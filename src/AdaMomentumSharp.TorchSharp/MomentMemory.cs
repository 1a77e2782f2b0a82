using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// The addresses of a parameter's moment tensors, found once and kept in its state: every native call saved counts
/// on small models, whose step is dominated by per-tensor overhead. The entry is valid while the state still holds
/// the very tensor objects it was made from; replacing any of them (load, <c>to</c>, AMSGrad switched on) makes a new one.
/// </summary>
internal sealed unsafe record MomentMemory(Tensor ExpAvgTensor, Tensor ExpAvgSqTensor, Tensor? MaxTensor, nint ExpAvg, nint ExpAvgSq, nint MaxExpAvgSq)
{
    /// <summary>
    /// The state's moment addresses, or null when a moment is not dense CPU memory shaped and typed like the tensor the
    /// update runs on (the parameter, or its float32 working copy).
    /// </summary>
    /// <exception cref="ObjectDisposedException">A moment tensor was disposed behind the optimizer's back.</exception>
    public static MomentMemory? Of(AdaptiveState state, Tensor parameter)
    {
        var (first, second, max) = state.FusedMoments;
        foreach (Tensor? moment in (Tensor?[])[first, second, max])
        {
            // An address is only as alive as its tensor: never hand out one whose tensor was disposed.
            if (moment is not null && moment.IsInvalid)
            {
                throw new ObjectDisposedException(state.GetType().Name, "A moment tensor of this parameter's optimizer state was disposed.");
            }
        }
        if (state.FusedMemory is MomentMemory known && ReferenceEquals(known.ExpAvgTensor, first)
            && ReferenceEquals(known.ExpAvgSqTensor, second) && ReferenceEquals(known.MaxTensor, max))
        {
            return known;
        }
        if (!IsDenseLike(first, parameter) || !IsDenseLike(second, parameter) || (max is not null && !IsDenseLike(max, parameter)))
        {
            return null;
        }
        state.FusedMemory = new MomentMemory(first, second, max,
            (nint)FusedCpuStep.Pointer<byte>(first), (nint)FusedCpuStep.Pointer<byte>(second),
            max is null ? 0 : (nint)FusedCpuStep.Pointer<byte>(max));
        return state.FusedMemory;
    }

    private static bool IsDenseLike(Tensor t, Tensor parameter) =>
        t.device_type == DeviceType.CPU && t.dtype == parameter.dtype && t.is_contiguous() && t.shape.SequenceEqual(parameter.shape);
}
