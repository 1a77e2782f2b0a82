using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>
/// AdaMomentum (AdaM3, Wang et al., arXiv 2106.11514) as a TorchSharp <c>torch.optim</c> optimizer: Adam whose
/// second moment averages the squared momentum. Drop-in for <c>torch.optim.Adam</c>: parameter groups, every
/// learning-rate scheduler (OneCycleLR cycles β1 through <see cref="IBetas"/>), <c>state_dict</c> checkpoints.
/// </summary>
/// <remarks>
/// <para>Update rule (per element, step t from 1; see <see cref="AdaMomentumKernel"/> for the rectified variant):</para>
/// <code>
/// m = β1·m + (1 − β1)·g;   v = β2·v + (1 − β2)·m² + eps;   p -= lr / (1 − β1^t) · m / sqrt(v / (1 − β2^t))
/// </code>
/// <para>Contiguous float32/float64 CPU parameters are stepped by the fused core kernel straight on tensor memory,
/// all in one multi-threaded pass; any other parameter (another device, dtype or memory layout) by tensor
/// operations in the same order of operations. Every group's options and (unless
/// <see cref="NonFiniteGradients.Ignore"/>) every gradient are checked before any parameter or state changes.</para>
/// </remarks>
public sealed partial class AdaMomentum : AdaptiveOptimizer<AdaMomentum.Options, AdaMomentum.State>
{
    // This step's updates, from Prepare to Apply or Abandon; step() lets one thread at a time through.
    private Dictionary<int, ParameterUpdate> updates = [];

    /// <summary>The optimizer the keyword constructors (AdaMomentum.Keywords.cs) describe.</summary>
    private AdaMomentum(IEnumerable<TorchSharp.Modules.ParamGroup> groups, Options defaults, NonFiniteGradients nonFiniteGradients)
        : base(groups, defaults, nonFiniteGradients)
    {
    }

    /// <summary>Checkpoints keep the envelope AdaMomentum always wrote, whose payload has no optimizer name.</summary>
    private protected override bool NamedCheckpoint => false;

    /// <inheritdoc/>
    protected override State NewState(Parameter parameter) => new(parameter);

    /// <summary>Checks every update against the arithmetic it runs in (eps = 1e-50 in float32, say).</summary>
    protected override void Prepare(IReadOnlyList<ParameterStep> steps)
    {
        updates = [];
        foreach (ParameterStep step in steps)
        {
            var update = ParameterUpdate.For(step, step.Options.ToValidatedCoreOptions());
            updates[step.Index] = update;
            ParameterChecks.RequireStepFits(update);
        }
    }

    /// <summary>The core's own resolution of the options: the fused pass runs exactly the kernel's update.</summary>
    private protected override StepCoefficients<double>? FusedCoefficients(ParameterStep step)
    {
        ParameterUpdate update = updates[step.Index];
        return StepCoefficients<double>.For(update.Options, update.NextStep);
    }

    /// <summary>The state's maximum, or the zeroed one of a group that switched AMSGrad on, handed over after the step.</summary>
    private protected override Tensor? FusedMaximum(ParameterStep step) => updates[step.Index].Maximum;

    /// <summary>The fused pass and the tensor operations, then each state takes any maximum created for it.</summary>
    protected override void Apply(IReadOnlyList<ParameterStep> steps)
    {
        base.Apply(steps);
        foreach (ParameterUpdate update in updates.Values)
        {
            update.HandOver();
        }
        updates = [];
    }

    /// <summary>The tensor-operation step, in the kernel's order of operations.</summary>
    protected override void Update(ParameterStep step) => TensorOpsStep.Run(updates[step.Index]);

    /// <inheritdoc/>
    protected override void Abandon(IReadOnlyList<ParameterStep> steps)
    {
        foreach (ParameterUpdate update in updates.Values)
        {
            update.Abandon();
        }
        updates = [];
    }
}
