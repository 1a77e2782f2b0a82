using TorchSharp;
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
public sealed partial class AdaMomentum : OptimizerHelper, IBetas
{
    private int maxDegreeOfParallelism = Environment.ProcessorCount;
    private bool disposed;
    private string? stepping;

    /// <summary>Tests switch the fused path off to compare it with the tensor-operation path on the same tensors.</summary>
    internal bool FusedCpuStepEnabled { get; set; } = true;

    /// <summary>The optimizer the keyword constructors (AdaMomentum.Keywords.cs) describe.</summary>
    private AdaMomentum(IEnumerable<ParamGroup> groups, Options defaults, NonFiniteGradients nonFiniteGradients)
    {
        ArgumentNullException.ThrowIfNull(groups);
        defaults.FillFrom(Options.From(new AdaMomentumOptions()));
        defaults.InitialLearningRate = defaults.LearningRate!.Value;
        defaults.ToValidatedCoreOptions();
        NonFiniteGradients = nonFiniteGradients;
        _defaults = defaults;
        _parameter_groups = [];
        foreach (ParamGroup group in groups)
        {
            add_param_group(group);
        }
    }

    /// <summary>What <see cref="step"/> does with NaN or infinite gradients.</summary>
    public NonFiniteGradients NonFiniteGradients
    {
        get
        {
            ThrowIfDisposed();
            return field;
        }
        set
        {
            ThrowIfDisposed();
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(NonFiniteGradients), value, "Must be Throw, Skip or Ignore.");
            }
            field = value;
        }
    }

    /// <summary>True when the last <see cref="step"/> was skipped for non-finite gradients under <see cref="NonFiniteGradients.Skip"/>.</summary>
    public bool LastStepSkipped
    {
        get
        {
            ThrowIfDisposed();
            return field;
        }
        private set;
    }

    /// <summary>How many steps <see cref="NonFiniteGradients.Skip"/> has skipped so far.</summary>
    public long SkippedSteps
    {
        get
        {
            ThrowIfDisposed();
            return field;
        }
        private set;
    }

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

    /// <summary>The default (β1, β2); OneCycleLR cycles β1 through the groups' <see cref="IBetas"/>.</summary>
    public (double, double) Betas
    {
        get
        {
            ThrowIfDisposed();
            return (((Options)_defaults).beta1!.Value, ((Options)_defaults).beta2!.Value);
        }
        set
        {
            ThrowIfDisposed();
            var defaults = (Options)_defaults;
            var candidate = new Options();
            candidate.LoadStateDict(defaults);
            (candidate.beta1, candidate.beta2) = value;
            candidate.ToValidatedCoreOptions();
            (defaults.beta1, defaults.beta2) = value;
        }
    }

    /// <summary>
    /// Adds a group; unset options take the optimizer's defaults. Options, dtypes and uniqueness are all checked
    /// before the group is added, so a refused group leaves the optimizer as it was.
    /// </summary>
    /// <exception cref="ArgumentException">The group is not an <see cref="ParamGroup"/>, an option is invalid, a
    /// parameter's dtype cannot be stepped (integer, bool, complex), or a parameter is already optimized.</exception>
    public override void add_param_group(TorchSharp.Modules.ParamGroup param_group)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(param_group);
        ArgumentNullException.ThrowIfNull(param_group.Parameters, nameof(param_group.Parameters));
        if (param_group.Options is not (null or Options))
        {
            throw new ArgumentException(
                $"AdaMomentum needs AdaMomentum.Options in its groups, not {param_group.Options.GetType().FullName}.", nameof(param_group));
        }
        // Checked on a filled copy first: a refused group leaves the caller's options object as it was.
        var options = (Options?)param_group.Options ?? new Options();
        var filled = new Options();
        filled.LoadStateDict(options);
        filled.FillFrom((Options)_defaults);
        filled.ToValidatedCoreOptions();

        List<Parameter> parameters = param_group.Parameters.ToList();
        var seen = _parameter_groups.SelectMany(g => g.Parameters).Select(p => p.Handle).ToHashSet();
        for (int i = 0; i < parameters.Count; i++)
        {
            string where = $"Parameter {i} of group {_parameter_groups.Count}";
            if (parameters[i] is null)
            {
                throw new ArgumentNullException(nameof(param_group.Parameters), $"{where} is null.");
            }
            ParameterChecks.RequireSteppable(parameters[i], where);
            ParameterChecks.RequireNew(parameters[i], where, seen);
        }

        options.FillFrom((Options)_defaults);
        options.InitialLearningRate = options.LearningRate!.Value;
        param_group.Options = options;
        param_group.Parameters = parameters;
        _parameter_groups.Add(param_group);
        foreach (Parameter p in parameters)
        {
            var state = new State(p);
            state.Initialize(options);
            _state[p.Handle] = state;
        }
    }

    /// <summary>
    /// Performs one AdaMomentum step on every parameter that has a gradient (others are skipped, as in PyTorch).
    /// Every option, gradient and (unless <see cref="NonFiniteGradients.Ignore"/>) gradient value is checked before
    /// the first parameter or state changes.
    /// </summary>
    /// <param name="closure">Re-evaluates the model and returns the loss; run with gradients enabled.</param>
    /// <returns>The closure's loss, or null without a closure.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A group's option is invalid, or does not fit the parameter's arithmetic; nothing was updated.</exception>
    /// <exception cref="ArgumentException">A gradient's shape, dtype or device differs from its parameter's; nothing was updated.</exception>
    /// <exception cref="NotSupportedException">A gradient is sparse; nothing was updated.</exception>
    /// <exception cref="NonFiniteGradientException">A gradient is NaN or infinite under <see cref="NonFiniteGradients.Throw"/>; nothing was updated.</exception>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        ThrowIfDisposed();
        Tensor? loss = null;
        if (closure is not null)
        {
            using var enabled = torch.enable_grad();
            loss = closure();
        }

        // An optimizer is not thread-safe; a second thread must not interleave its writes with this step's.
        using (new ExclusiveUse(ref stepping, "step()", "an AdaMomentum optimizer"))
        {
            StepOnce();
        }
        return loss!;
    }

    private void StepOnce()
    {
        using (torch.no_grad())
        using (torch.NewDisposeScope())
        {
            var updates = new List<ParameterUpdate>();
            try
            {
                CollectUpdates(updates);
                var (fused, fallback) = (new List<ParameterUpdate>(), new List<ParameterUpdate>());
                foreach (ParameterUpdate update in updates)
                {
                    (FusedCpuStepEnabled && FusedCpuStep.CanRun(update) ? fused : fallback).Add(update);
                }
                FusedCpuStep.Plan plan = FusedCpuStep.Prepare(fused);

                if (NonFiniteGradients != NonFiniteGradients.Ignore && FindNonFinite(plan, fallback) is var (index, element, value))
                {
                    if (NonFiniteGradients == NonFiniteGradients.Throw)
                    {
                        throw new NonFiniteGradientException(index, element, value, "grad");
                    }
                    updates.ForEach(update => update.Abandon());
                    LastStepSkipped = true;
                    SkippedSteps++;
                    return;
                }

                // Nothing below can fail on the inputs: everything was checked above.
                FusedCpuStep.Run(plan, maxDegreeOfParallelism);
                fallback.ForEach(TensorOpsStep.Run);
                updates.ForEach(update => update.Finish());
            }
            catch
            {
                updates.ForEach(update => update.Abandon());
                throw;
            }
        }
        LastStepSkipped = false;
    }

    /// <summary>Sets every parameter's gradient to zero.</summary>
    public override void zero_grad()
    {
        ThrowIfDisposed();
        base.zero_grad();
    }

    /// <summary>The parameters this optimizer steps, group by group.</summary>
    public override IEnumerable<Parameter> parameters()
    {
        ThrowIfDisposed();
        return base.parameters();
    }

    /// <summary>The parameter groups, for schedulers.</summary>
    public override IEnumerable<ILearningRateController> ParamGroups
    {
        get
        {
            ThrowIfDisposed();
            return base.ParamGroups;
        }
    }

    /// <summary>The groups' options and the parameters' states, live (not copies), as TorchSharp's optimizers return them.</summary>
    public override StateDictionary state_dict()
    {
        ThrowIfDisposed();
        return base.state_dict();
    }

    /// <summary>
    /// Disposes every parameter's state tensors. Afterwards every member throws <see cref="ObjectDisposedException"/>,
    /// TorchSharp's own non-virtual ones included, so no step can write through an address of freed memory.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposed)
        {
            return;
        }
        disposed = true;
        base.Dispose(disposing);
        if (disposing)
        {
            foreach (var (_, state) in _state)
            {
                ((State)state).Dispose();
            }
            _parameter_groups = new DisposedGroups();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);

    /// <summary>Adds an update for every parameter with a gradient, checking each before the next.</summary>
    private void CollectUpdates(List<ParameterUpdate> updates)
    {
        int index = 0;
        foreach (TorchSharp.Modules.ParamGroup group in _parameter_groups)
        {
            AdaMomentumOptions options = ((Options)group.Options).ToValidatedCoreOptions();
            foreach (Parameter p in group.Parameters)
            {
                if (p.IsInvalid)
                {
                    ParameterChecks.RequireSteppable(p, $"Parameter {index}");
                }
                Tensor? grad = p.grad;
                if (grad is not null)
                {
                    ParameterChecks.RequireStateFits(p, (State)_state[p.Handle], index);
                    ParameterChecks.RequireGradientFits(p, grad, index);
                    var update = ParameterUpdate.For(index, p, grad, (State)_state[p.Handle], options);
                    updates.Add(update);
                    ParameterChecks.RequireStepFits(update);
                }
                index++;
            }
        }
    }

    private (int Index, long Element, double Value)? FindNonFinite(FusedCpuStep.Plan fused, List<ParameterUpdate> fallback)
    {
        var inFused = FusedCpuStep.FindNonFinite(fused, maxDegreeOfParallelism);
        var inFallback = TensorOpsStep.FindNonFinite(fallback);
        return inFused is null ? inFallback : inFallback is null || inFused.Value.Index < inFallback.Value.Index ? inFused : inFallback;
    }

}
