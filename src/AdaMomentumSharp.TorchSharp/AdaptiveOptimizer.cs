using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>
/// The base of every optimizer of the AdaMomentum family in this package (<see cref="AdaMomentum"/>,
/// <see cref="AdaBelief"/>, <see cref="AdaMomentumSharp.RAdam"/>, <see cref="Yogi"/>, <see cref="AdaBound"/>), and the way to
/// write another: parameter groups whose unset options take the optimizer's defaults, all checked by one option table
/// (<see cref="AdaptiveOptions.Table"/>) with one message style (argument, value, rule); an all-or-nothing
/// <see cref="step"/> with a non-finite-gradient policy and a guard against a second thread; versioned, checksummed,
/// atomically written checkpoints whose loads check every group before anything changes; and disposal.
/// </summary>
/// <remarks>
/// <para>A derived optimizer supplies its option table (through <typeparamref name="TOptions"/>), its state's moments
/// (<typeparamref name="TState"/>), and <see cref="Update"/>: one parameter's arithmetic, run only after every
/// parameter, gradient and option of the step has been checked. The optimizers of this package also resolve their step
/// into the core's <see cref="StepCoefficients{T}"/>, so that their contiguous CPU parameters are stepped in one fused,
/// multi-threaded pass (<see cref="MaxDegreeOfParallelism"/>) and only the others by <see cref="Update"/>.</para>
/// <para>float16 and bfloat16 parameters are stepped in float32 (see <see cref="ParameterStep.Working"/>), with float32 moments.</para>
/// </remarks>
/// <typeparam name="TOptions">The optimizer's group options.</typeparam>
/// <typeparam name="TState">The optimizer's per-parameter state.</typeparam>
public abstract partial class AdaptiveOptimizer<TOptions, TState> : OptimizerHelper, IBetas, IAdaptiveOptimizer
    where TOptions : AdaptiveOptions, new()
    where TState : AdaptiveState
{
    private bool disposed;

    /// <summary>Starts an optimizer over <paramref name="groups"/>; <paramref name="defaults"/>' unset options take the table's defaults.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A default is out of range; the message names it, its value and the rule.</exception>
    protected AdaptiveOptimizer(IEnumerable<TorchSharp.Modules.ParamGroup> groups, TOptions defaults, NonFiniteGradients nonFiniteGradients)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(defaults);
        var tableDefaults = new TOptions();
        tableDefaults.SetDefaults();
        defaults.FillFrom(tableDefaults);
        defaults.InitialLearningRate = defaults.LearningRate!.Value;
        defaults.Validate();
        NonFiniteGradients = nonFiniteGradients;
        _defaults = defaults;
        _parameter_groups = [];
        foreach (TorchSharp.Modules.ParamGroup group in groups)
        {
            add_param_group(group);
        }
    }

    /// <summary>The optimizer's name in messages and checkpoints: its class name.</summary>
    protected string Name => GetType().Name;

    /// <summary>A new, uninitialized state for <paramref name="parameter"/>.</summary>
    protected abstract TState NewState(Parameter parameter);

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

    /// <summary>The default (β1, β2); OneCycleLR cycles β1 through the groups' <see cref="IBetas"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is outside [0, 1); the defaults are unchanged.</exception>
    public (double, double) Betas
    {
        get
        {
            ThrowIfDisposed();
            return (Defaults["beta1"]!.Value, Defaults["beta2"]!.Value);
        }
        set
        {
            ThrowIfDisposed();
            var candidate = new TOptions();
            candidate.LoadStateDict(Defaults);
            (candidate["beta1"], candidate["beta2"]) = value;
            candidate.Validate();
            (Defaults["beta1"], Defaults["beta2"]) = value;
        }
    }

    private TOptions Defaults => (TOptions)_defaults;

    /// <summary>
    /// Adds a group; unset options take the optimizer's defaults. Options, dtypes and uniqueness are all checked
    /// before the group is added, so a refused group leaves the optimizer as it was.
    /// </summary>
    /// <exception cref="ArgumentException">The group's options are another optimizer's, an option is invalid, a
    /// parameter's dtype cannot be stepped (integer, bool, complex), or a parameter is already optimized.</exception>
    public override void add_param_group(TorchSharp.Modules.ParamGroup param_group)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(param_group);
        ArgumentNullException.ThrowIfNull(param_group.Parameters, nameof(param_group.Parameters));
        if (param_group.Options is not (null or TOptions))
        {
            throw new ArgumentException(
                $"{Name} needs {typeof(TOptions).FullName!.Replace('+', '.')} in its groups, not {param_group.Options.GetType().FullName}.", nameof(param_group));
        }
        // Checked on a filled copy first: a refused group leaves the caller's options object as it was.
        var options = (TOptions?)param_group.Options ?? new TOptions();
        var filled = new TOptions();
        filled.LoadStateDict(options);
        filled.FillFrom(Defaults);
        filled.Validate();

        List<Parameter> parameters = param_group.Parameters.ToList();
        var seen = _parameter_groups.SelectMany(g => g.Parameters).Select(p => p.Handle).ToHashSet();
        for (int i = 0; i < parameters.Count; i++)
        {
            string where = $"Parameter {i} of group {_parameter_groups.Count}";
            if (parameters[i] is null)
            {
                throw new ArgumentNullException(nameof(param_group.Parameters), $"{where} is null.");
            }
            ParameterChecks.RequireSteppable(parameters[i], where, Name);
            ParameterChecks.RequireNew(parameters[i], where, seen, Name);
        }

        options.FillFrom(Defaults);
        options.InitialLearningRate = options.LearningRate!.Value;
        param_group.Options = options;
        param_group.Parameters = parameters;
        _parameter_groups.Add(param_group);
        foreach (Parameter p in parameters)
        {
            TState state = NewState(p);
            state.Initialize(options);
            _state[p.Handle] = state;
        }
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
                ((TState)state).Dispose();
            }
            _parameter_groups = new DisposedGroups();
        }
    }

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the optimizer is disposed.</summary>
    protected void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
