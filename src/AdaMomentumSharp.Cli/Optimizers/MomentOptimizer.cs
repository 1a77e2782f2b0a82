using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>
/// The loop the hand-written Adam-family baselines share: groups, per-parameter state, L2 weight decay, bias
/// corrections, one validation of the hyperparameters and all-or-nothing checkpoints; each baseline supplies only
/// its own moment and parameter update.
/// </summary>
public abstract partial class MomentOptimizer : OptimizerHelper, IBetas
{
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message names it, its value and the rule.</exception>
    protected MomentOptimizer(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weight_decay)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var defaults = new Options { LearningRate = lr, InitialLearningRate = lr, beta1 = beta1, beta2 = beta2, eps = eps, weight_decay = weight_decay };
        defaults.Validate();
        _defaults = defaults;
        _parameter_groups = [];
        add_param_group(new ParamGroup<Options>(parameters.ToList()));
    }

    /// <summary>The default (β1, β2), which groups added later inherit.</summary>
    public (double, double) Betas
    {
        get => (((Options)_defaults).beta1!.Value, ((Options)_defaults).beta2!.Value);
        set => (((Options)_defaults).beta1, ((Options)_defaults).beta2) = value;
    }

    /// <summary>Value the moments start from (Yogi starts them above zero).</summary>
    protected virtual double InitialMoment => 0;

    /// <summary>
    /// Adds a group; hyperparameters it leaves unset (or all, when it has no options) take the optimizer's defaults.
    /// The group's options are replaced by that completed copy, and nothing is added unless it is valid.
    /// </summary>
    /// <exception cref="ArgumentException">The group's options are another optimizer's, a hyperparameter is out of range
    /// (<see cref="ArgumentOutOfRangeException"/>, naming it), or a parameter is already in this optimizer.</exception>
    public override void add_param_group(TorchSharp.Modules.ParamGroup param_group)
    {
        ArgumentNullException.ThrowIfNull(param_group);
        if (param_group.Options is not (null or Options))
        {
            throw new ArgumentException(
                $"The group's options are {param_group.Options.GetType().FullName}; {GetType().Name} takes {typeof(Options).FullName}.", nameof(param_group));
        }
        Options options = ((Options?)param_group.Options ?? new Options()).WithDefaultsFrom((Options)_defaults);
        options.Validate();
        List<Parameter> parameters = [.. param_group.Parameters ?? []];
        if (parameters.FirstOrDefault(p => _state.ContainsKey(p.Handle)) is Parameter duplicate)
        {
            throw new ArgumentException($"A parameter of shape [{string.Join(", ", duplicate.shape)}] is already in this optimizer.", nameof(param_group));
        }
        options.InitialLearningRate = options.LearningRate!.Value;
        param_group.Options = options;
        param_group.Parameters = parameters;
        _parameter_groups.Add(param_group);
        foreach (Parameter p in parameters)
        {
            var state = new MomentState(p, InitialMoment);
            state.Initialize(options);
            _state[p.Handle] = state;
        }
    }

    /// <summary>One step of every group; every group's hyperparameters are checked before anything changes.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A group's hyperparameter (set through the group after creation) is out of range.</exception>
    public override Tensor step(Func<Tensor>? closure = null)
    {
        foreach (TorchSharp.Modules.ParamGroup group in _parameter_groups)
        {
            ((Options)group.Options).Validate();
        }
        return _step<TorchSharp.Modules.ParamGroup>(group =>
        {
            var options = (Options)group.Options;
            using var scalars = new GroupScalars(options);
            foreach (Parameter p in group.Parameters)
            {
                Tensor? grad = p.grad;
                if (grad is null)
                {
                    continue;
                }
                var state = (MomentState)_state[p.Handle];
                state.Step++;
                if (options.weight_decay!.Value != 0)
                {
                    grad = grad.add(p, alpha: scalars.WeightDecay);
                }
                state.ExpAvg.mul_(scalars.Beta1).add_(grad, alpha: scalars.OneMinusBeta1);
                var context = new UpdateContext(
                    options.LearningRate!.Value, options.InitialLearningRate, options.beta1!.Value, options.beta2!.Value, options.eps!.Value,
                    1 - Math.Pow(options.beta1.Value, state.Step), 1 - Math.Pow(options.beta2.Value, state.Step), state.Step, scalars);
                Update(p, grad, state, context);
            }
        }, closure)!;
    }

    /// <summary>
    /// Updates the second moment and the parameter for one step. <paramref name="grad"/> already holds the L2 term, and
    /// the first moment is already updated: m = β1·m + (1−β1)·g, the same in every baseline.
    /// </summary>
    protected abstract void Update(Parameter parameter, Tensor grad, MomentState state, UpdateContext c);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var (_, state) in _state)
        {
            ((MomentState)state).Dispose();
        }
    }

    /// <summary>One step's scalars: lr, the group's initial lr, betas, eps, both bias corrections and t; the group's as Scalars.</summary>
    protected readonly record struct UpdateContext(
        double Lr, double InitialLr, double Beta1, double Beta2, double Eps, double BiasCorrection1, double BiasCorrection2, long Step,
        GroupScalars Scalars);

    /// <summary>
    /// A group's hyperparameters as TorchSharp Scalars, made once per group and step and kept alive through every native
    /// call that reads them (a Scalar made on the fly can be freed mid-call: ScalarTemporaryAnalyzer, AMS0001).
    /// </summary>
    protected sealed class GroupScalars : IDisposable
    {
        internal GroupScalars(Options options)
        {
            Beta1 = options.beta1!.Value.ToScalar();
            OneMinusBeta1 = (1 - options.beta1.Value).ToScalar();
            Beta2 = options.beta2!.Value.ToScalar();
            OneMinusBeta2 = (1 - options.beta2.Value).ToScalar();
            Eps = options.eps!.Value.ToScalar();
            WeightDecay = options.weight_decay!.Value.ToScalar();
        }

        public Scalar Beta1 { get; }
        public Scalar OneMinusBeta1 { get; }
        public Scalar Beta2 { get; }
        public Scalar OneMinusBeta2 { get; }
        public Scalar Eps { get; }
        public Scalar WeightDecay { get; }

        public void Dispose()
        {
            foreach (Scalar scalar in new[] { Beta1, OneMinusBeta1, Beta2, OneMinusBeta2, Eps, WeightDecay })
            {
                scalar.Dispose();
            }
        }
    }
}
