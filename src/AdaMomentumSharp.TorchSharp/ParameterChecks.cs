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
    /// <summary>Refuses a parameter whose dtype AdaMomentum cannot step (integer, bool, complex).</summary>
    public static void RequireSteppable(Parameter parameter, string where)
    {
        if (!MomentPrecision.CanStep(parameter.dtype))
        {
            throw new ArgumentException(
                $"{where} is {parameter.dtype}; AdaMomentum steps float32, float64, float16 and bfloat16 parameters only.", "params");
        }
    }

    /// <summary>Refuses a parameter already optimized (as PyTorch does): it would be stepped twice or have its state reset.</summary>
    public static void RequireNew(Parameter parameter, string where, ISet<IntPtr> seen)
    {
        if (!seen.Add(parameter.Handle))
        {
            throw new ArgumentException(
                $"{where} is already optimized by this AdaMomentum (in this group or another); a parameter may appear only once.", "params");
        }
    }

    /// <summary>Refuses a gradient the update cannot use as it is: sparse, or of another shape, dtype or device.</summary>
    public static void RequireGradientFits(Parameter parameter, Tensor gradient, int index)
    {
        if (gradient.is_sparse)
        {
            throw new NotSupportedException(
                $"Parameter {index} has a sparse gradient; AdaMomentum supports dense gradients only (as the authors' class does).");
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

    /// <summary>
    /// Refuses a step whose count would overflow, and options that do not fit the arithmetic this parameter is stepped
    /// in (eps = 1e-50 or lr = 1e39 in float32), with PyTorch's argument names.
    /// </summary>
    public static void RequireStepFits(ParameterUpdate update)
    {
        if (update.State.step == long.MaxValue)
        {
            throw new InvalidOperationException($"Parameter {update.Index} has taken {long.MaxValue} steps; its step count cannot grow further.");
        }
        try
        {
            if (update.Working.dtype == ScalarType.Float64)
            {
                StepCoefficients<double>.For(update.Options, update.NextStep);
            }
            else
            {
                StepCoefficients<float>.For(update.Options, update.NextStep);
            }
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw AdaMomentum.Options.Renamed(e);
        }
    }
}
