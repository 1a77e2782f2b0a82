using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// One parameter due for an AdaMomentum update in this step: the base's <c>ParameterStep</c>
/// with its group's options as the core library's, for the kernel and the tensor operations.
/// </summary>
/// <remarks>
/// <see cref="NewMaximum"/> is the zeroed AMSGrad maximum of a group that switched AMSGrad on mid-run; the state gets
/// it only in <see cref="HandOver"/>, so a refused step leaves no trace.
/// </remarks>
internal sealed record ParameterUpdate(int Index, Parameter Parameter, Tensor Gradient, AdaMomentum.State State,
                                       AdaMomentumOptions Options, Tensor Working, Tensor WorkingGradient)
{
    /// <summary>The AMSGrad maximum to start from zero (max(0, v) = v at once), or null when the state has one or none is needed.</summary>
    public Tensor? NewMaximum { get; } = Options.AmsGrad && State.max_exp_avg_sq is null ? State.ZeroMoment() : null;

    /// <summary>The AMSGrad maximum this step updates: the state's, or <see cref="NewMaximum"/>.</summary>
    public Tensor? Maximum => NewMaximum ?? State.max_exp_avg_sq;

    /// <summary>The update of <paramref name="step"/> with its group's options as <paramref name="options"/>.</summary>
    public static ParameterUpdate For(AdaMomentum.ParameterStep step, AdaMomentumOptions options) =>
        new(step.Index, step.Parameter, step.Gradient, step.State, options, step.Working, step.WorkingGradient);

    /// <summary>The update of parameter <paramref name="index"/> as the optimizer's step would make it.</summary>
    public static ParameterUpdate For(int index, Parameter parameter, Tensor gradient, AdaMomentum.State state, AdaMomentumOptions options) =>
        For(AdaMomentum.ParameterStep.For(index, parameter, gradient, state, AdaMomentum.Options.From(options)), options);

    /// <summary>The step number this update performs (1 for a parameter never stepped).</summary>
    public long NextStep => State.step + 1;

    /// <summary>Hands the state its new maximum once the kernel or tensor operations have applied the step.</summary>
    public void HandOver()
    {
        if (NewMaximum is not null)
        {
            State.max_exp_avg_sq = NewMaximum;
        }
    }

    /// <summary>Releases what a refused step allocated for the state, unless <see cref="HandOver"/> already handed it over.</summary>
    public void Abandon()
    {
        if (NewMaximum is not null && !ReferenceEquals(State.max_exp_avg_sq, NewMaximum))
        {
            NewMaximum.Dispose();
        }
    }
}
