using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// The checks that make a failed <c>add_param_group</c> or <c>step</c> change nothing: everything they could trip
/// over is looked at before the first write.
/// </summary>
internal static class ParameterChecks
{
    /// <summary>
    /// Refuses a parameter the optimizer cannot step: an integer, bool or complex dtype, the meta device (no memory), or
    /// memory where one element is reachable at two indices (an expanded tensor), which an in-place update cannot write.
    /// </summary>
    public static void RequireSteppable(Parameter parameter, string where, string optimizer)
    {
        if (parameter.IsInvalid)
        {
            throw new ObjectDisposedException(nameof(Parameter),
                $"{where} was disposed (model.to(dtype) replaces a model's parameters: create the optimizer after converting the model).");
        }
        if (!MomentPrecision.CanStep(parameter.dtype))
        {
            throw new ArgumentException(
                $"{where} is {parameter.dtype}; {optimizer} steps float32, float64, float16 and bfloat16 parameters only.", "params");
        }
        if (parameter.device_type == DeviceType.META)
        {
            throw new ArgumentException($"{where} is on the meta device, which holds no values to step.", "params");
        }
        if (HasInternalOverlap(parameter))
        {
            throw new ArgumentException(
                $"{where} has shape [{string.Join(", ", parameter.shape)}] and strides [{string.Join(", ", parameter.stride())}]: " +
                "some of its elements share memory (an expanded tensor), so it cannot be updated in place.", "params");
        }
    }

    /// <summary>
    /// Refuses a step on a parameter whose state no longer fits it: resized, converted or moved in place since it was
    /// added, or disposed. Stepping it would read and write past the moments' memory.
    /// </summary>
    public static void RequireStateFits(Parameter parameter, AdaptiveState state, int index, string optimizer)
    {
        RequireSteppable(parameter, $"Parameter {index}", optimizer);
        if (state.MomentsDisposed)
        {
            throw new ObjectDisposedException(state.GetType().Name, $"A moment tensor of parameter {index}'s {optimizer} state was disposed.");
        }
        if (state.StaleAgainstParameter() is string why)
        {
            throw new InvalidOperationException($"Parameter {index} {why}.");
        }
    }

    /// <summary>True when two indices of <paramref name="tensor"/> address the same element (a stride of 0, say).</summary>
    private static bool HasInternalOverlap(Tensor tensor)
    {
        if (tensor.is_contiguous())
        {
            return false;
        }
        // Dense memory without overlap: with the dimensions of size > 1 sorted by stride, each stride is at least the
        // span of the dimensions before it.
        var dims = tensor.shape.Zip(tensor.stride()).Where(d => d.First > 1).OrderBy(d => d.Second).ToArray();
        long span = 1;
        foreach (var (size, stride) in dims)
        {
            if (stride < span)
            {
                return true;
            }
            span = stride * size;
        }
        return false;
    }

    /// <summary>Refuses a parameter already optimized (as PyTorch does): it would be stepped twice or have its state reset.</summary>
    public static void RequireNew(Parameter parameter, string where, ISet<IntPtr> seen, string optimizer)
    {
        if (!seen.Add(parameter.Handle))
        {
            throw new ArgumentException(
                $"{where} is already optimized by this {optimizer} (in this group or another); a parameter may appear only once.", "params");
        }
    }

    /// <summary>Refuses a gradient the update cannot use as it is: sparse, or of another shape, dtype or device.</summary>
    public static void RequireGradientFits(Parameter parameter, Tensor gradient, int index, string optimizer)
    {
        if (gradient.is_sparse)
        {
            throw new NotSupportedException(
                $"Parameter {index} has a sparse gradient; {optimizer} supports dense gradients only (as the authors' class does).");
        }
        if (!gradient.shape.SequenceEqual(parameter.shape))
        {
            throw new ArgumentException(
                $"Parameter {index} has shape [{string.Join(", ", parameter.shape)}] but its gradient has [{string.Join(", ", gradient.shape)}].", "grad");
        }
        if (gradient.dtype != parameter.dtype || gradient.device_type != parameter.device_type || gradient.device_index != parameter.device_index)
        {
            throw new ArgumentException(
                $"Parameter {index} is {parameter.dtype} on {parameter.device} but its gradient is {gradient.dtype} on {gradient.device}; they must match.", "grad");
        }
    }

    /// <summary>Refuses a step whose count would overflow, or a state whose count went negative.</summary>
    public static void RequireCountable(AdaptiveState state, int index)
    {
        if (state.step == long.MaxValue)
        {
            throw new InvalidOperationException($"Parameter {index} has taken {long.MaxValue} steps; its step count cannot grow further.");
        }
        if (state.step < 0)
        {
            throw new InvalidOperationException($"Parameter {index} has a negative step count ({state.step}); it must be 0 or more.");
        }
    }

    /// <summary>
    /// Refuses AdaMomentum options that do not fit the arithmetic this parameter is stepped in (eps = 1e-50 or
    /// lr = 1e39 in float32), with PyTorch's argument names.
    /// </summary>
    public static void RequireStepFits(ParameterUpdate update)
    {
        if (update.Working.dtype == ScalarType.Float64)
        {
            StepCoefficients<double>.For(update.Options, update.NextStep, OptionNames.PyTorch);
        }
        else
        {
            StepCoefficients<float>.For(update.Options, update.NextStep, OptionNames.PyTorch);
        }
    }
}
