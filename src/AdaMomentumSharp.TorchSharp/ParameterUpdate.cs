using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// One parameter due for an update in this step: its position in the optimizer's parameter order (for error
/// messages), its gradient, its state, its group's validated options, and the tensors the update runs on.
/// </summary>
/// <remarks>
/// <see cref="Working"/> and <see cref="WorkingGradient"/> are the parameter and gradient themselves, except for
/// float16 and bfloat16 parameters, which are stepped on float32 copies (see <see cref="MomentPrecision"/>) and
/// written back by <see cref="Finish"/>. <see cref="NewMaximum"/> is the zeroed AMSGrad maximum of a group that
/// switched AMSGrad on mid-run; the state gets it only in <see cref="Finish"/>, so a refused step leaves no trace.
/// </remarks>
internal sealed record ParameterUpdate(int Index, Parameter Parameter, Tensor Gradient, AdaMomentum.State State,
                                       AdaMomentumOptions Options, Tensor Working, Tensor WorkingGradient)
{
    /// <summary>The AMSGrad maximum to start from zero (max(0, v) = v at once), or null when the state has one or none is needed.</summary>
    public Tensor? NewMaximum { get; } = Options.AmsGrad && State.max_exp_avg_sq is null ? State.ZeroMoment() : null;

    /// <summary>The AMSGrad maximum this step updates: the state's, or <see cref="NewMaximum"/>.</summary>
    public Tensor? Maximum => NewMaximum ?? State.max_exp_avg_sq;

    /// <summary>Builds the update after <paramref name="gradient"/> passed <see cref="ParameterChecks.RequireGradientFits"/>.</summary>
    public static ParameterUpdate For(int index, Parameter parameter, Tensor gradient, AdaMomentum.State state, AdaMomentumOptions options)
    {
        if (!MomentPrecision.SteppedInFloat32(parameter.dtype))
        {
            return new ParameterUpdate(index, parameter, gradient, state, options, parameter, gradient);
        }
        Tensor working = parameter.detach().to(ScalarType.Float32, copy: true);
        Tensor workingGradient = gradient.to(ScalarType.Float32, copy: true);
        return new ParameterUpdate(index, parameter, gradient, state, options, working, workingGradient);
    }

    /// <summary>The step number this update performs (1 for a parameter never stepped).</summary>
    public long NextStep => State.step + 1;

    /// <summary>
    /// Completes a step the kernel or tensor operations have applied: counts it, hands the state its new maximum, and
    /// writes a float32 working copy back into its low-precision parameter (rounding once, to nearest).
    /// </summary>
    public void Finish()
    {
        State.step = NextStep;
        if (NewMaximum is not null)
        {
            State.max_exp_avg_sq = NewMaximum;
        }
        if (!ReferenceEquals(Working, Parameter))
        {
            Parameter.copy_(Working);
        }
    }

    /// <summary>Releases what a refused step allocated for the state, unless <see cref="Finish"/> already handed it over.</summary>
    public void Abandon()
    {
        if (NewMaximum is not null && !ReferenceEquals(State.max_exp_avg_sq, NewMaximum))
        {
            NewMaximum.Dispose();
        }
    }
}
