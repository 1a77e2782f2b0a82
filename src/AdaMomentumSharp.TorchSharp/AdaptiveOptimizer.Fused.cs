using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// The fused CPU step every optimizer of the family shares: the parameters the core kernel can reach (contiguous CPU
/// float32/float64 memory, and the float32 copies of low-precision ones) are stepped in one multi-threaded pass per
/// dtype, from the coefficients the optimizer resolves once per parameter and step; the rest by its tensor operations.
/// </summary>
public abstract partial class AdaptiveOptimizer<TOptions, TState>
{
    private FusedCpuStep.Plan fusedPlan = FusedCpuStep.Plan.Empty;
    private HashSet<int> fusedIndices = [];
    private int maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>Tests switch the fused path off to compare it with the tensor-operation path on the same tensors.</summary>
    internal bool FusedCpuStepEnabled { get; set; } = true;

    /// <summary>Most threads the fused CPU step uses; defaults to <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxDegreeOfParallelism
    {
        get
        {
            ThrowIfDisposed();
            return maxDegreeOfParallelism;
        }
        set
        {
            ThrowIfDisposed();
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1, nameof(MaxDegreeOfParallelism));
            maxDegreeOfParallelism = value;
        }
    }

    /// <summary>
    /// <paramref name="step"/> as the core kernel's coefficients (every option and per-step scalar resolved in double,
    /// in the order of operations of the optimizer's tensor operations), or null when only <see cref="Update"/> can run it.
    /// Called after <see cref="Prepare"/>.
    /// </summary>
    private protected virtual StepCoefficients<double>? FusedCoefficients(ParameterStep step) => null;

    /// <summary>The running maximum <paramref name="step"/> writes when its coefficients keep one: by default the state's.</summary>
    private protected virtual Tensor? FusedMaximum(ParameterStep step) => step.State.FusedMoments.Maximum;

    /// <summary>
    /// Sorts the steps into the fused pass and the tensor operations, and checks the fused buffers (overlaps) as the
    /// kernel will, before anything is written. A step whose maximum is missing (AMSGrad switched on mid-run) is left
    /// to the tensor operations, which create it.
    /// </summary>
    private void PlanFusedStep(IReadOnlyList<ParameterStep> steps)
    {
        var fused = new List<FusedCpuStep.Parameter>();
        foreach (ParameterStep step in steps)
        {
            if (FusedCpuStepEnabled && FusedCoefficients(step) is { } coefficients
                && FusedMaximum(step) is var maximum && (maximum is not null || !coefficients.TracksMaximum)
                && FusedCpuStep.Reach(step.Working, step.WorkingGradient, step.State) is { } moments)
            {
                fused.Add(new FusedCpuStep.Parameter(step.Index, step.Working, step.WorkingGradient, moments, maximum, coefficients));
            }
        }
        fusedPlan = FusedCpuStep.Prepare(fused);
        fusedIndices = [.. fused.Select(f => f.Index)];
    }

    private void ReleaseFusedStep() => (fusedPlan, fusedIndices) = (FusedCpuStep.Plan.Empty, []);

    private IReadOnlyList<ParameterStep> TensorOperationSteps(IReadOnlyList<ParameterStep> steps) =>
        fusedIndices.Count == 0 ? steps : [.. steps.Where(s => !fusedIndices.Contains(s.Index))];

    /// <summary>The first non-finite gradient element among <paramref name="steps"/>, in parameter order, or null.</summary>
    protected virtual (int Index, long Element, double Value)? FindNonFinite(IReadOnlyList<ParameterStep> steps)
    {
        var inFused = FusedCpuStep.FindNonFinite(fusedPlan, maxDegreeOfParallelism);
        var inRest = TensorOpsStep.FindNonFinite([.. TensorOperationSteps(steps).Select(s => (s.Index, s.WorkingGradient))]);
        return inFused is null ? inRest : inRest is null || inFused.Value.Index < inRest.Value.Index ? inFused : inRest;
    }

    /// <summary>Applies every step: the fused pass over the parameters it reaches, then <see cref="Update"/> for each other one.</summary>
    protected virtual void Apply(IReadOnlyList<ParameterStep> steps)
    {
        FusedCpuStep.Run(fusedPlan, maxDegreeOfParallelism);
        foreach (ParameterStep s in TensorOperationSteps(steps))
        {
            Update(s);
        }
    }
}
