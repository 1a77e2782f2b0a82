using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>
/// The loop the hand-written Adam-family baselines share: groups, per-parameter state, L2 weight decay, bias
/// corrections; each baseline supplies only its own moment and parameter update.
/// </summary>
public abstract class MomentOptimizer : OptimizerHelper, IBetas
{
    protected MomentOptimizer(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weight_decay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lr);
        ArgumentOutOfRangeException.ThrowIfNegative(eps);
        ArgumentOutOfRangeException.ThrowIfNegative(weight_decay);
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), $"beta1 and beta2 must be in [0, 1); got {beta1} and {beta2}.");
        }
        _defaults = new Options { LearningRate = lr, InitialLearningRate = lr, beta1 = beta1, beta2 = beta2, eps = eps, weight_decay = weight_decay };
        _parameter_groups = [];
        add_param_group(new ParamGroup<Options>(parameters.ToList(), (Options)_defaults));
    }

    public (double, double) Betas
    {
        get => (((Options)_defaults).beta1!.Value, ((Options)_defaults).beta2!.Value);
        set => (((Options)_defaults).beta1, ((Options)_defaults).beta2) = value;
    }

    /// <summary>Value the moments start from (Yogi starts them above zero).</summary>
    protected virtual double InitialMoment => 0;

    public override void add_param_group(TorchSharp.Modules.ParamGroup param_group)
    {
        var options = (Options)param_group.Options;
        options.InitialLearningRate = options.LearningRate!.Value;
        _parameter_groups.Add(param_group);
        foreach (Parameter p in param_group.Parameters)
        {
            var state = new MomentState(p, InitialMoment);
            state.Initialize(options);
            _state[p.Handle] = state;
        }
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<TorchSharp.Modules.ParamGroup>(group =>
    {
        var options = (Options)group.Options;
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
                grad = grad.add(p, alpha: options.weight_decay.Value);
            }
            var context = new UpdateContext(
                options.LearningRate!.Value, options.InitialLearningRate, options.beta1!.Value, options.beta2!.Value, options.eps!.Value,
                1 - Math.Pow(options.beta1.Value, state.Step), 1 - Math.Pow(options.beta2.Value, state.Step), state.Step);
            Update(p, grad, state, context);
        }
    }, closure)!;

    /// <summary>Updates the moments and the parameter for one step; <paramref name="grad"/> already holds the L2 term.</summary>
    protected abstract void Update(Parameter parameter, Tensor grad, MomentState state, UpdateContext c);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var (_, state) in _state)
        {
            ((MomentState)state).Dispose();
        }
    }

    /// <summary>Hyperparameters of a group.</summary>
    public sealed class Options : OptimizerOptions
    {
        public double? beta1;
        public double? beta2;
        public double? eps;
        public double? weight_decay;

        public override void SaveStateDict(BinaryWriter writer)
        {
            base.SaveStateDict(writer);
            writer.Write(beta1!.Value);
            writer.Write(beta2!.Value);
            writer.Write(eps!.Value);
            writer.Write(weight_decay!.Value);
        }

        public override void LoadStateDict(BinaryReader reader)
        {
            base.LoadStateDict(reader);
            (beta1, beta2, eps, weight_decay) = (reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        }

        public override void LoadStateDict(OptimizerOptions source)
        {
            base.LoadStateDict(source);
            var other = (Options)source;
            (beta1, beta2, eps, weight_decay) = (other.beta1, other.beta2, other.eps, other.weight_decay);
        }
    }

    /// <summary>One step's scalars: lr, the group's initial lr, betas, eps, both bias corrections and t.</summary>
    protected readonly record struct UpdateContext(
        double Lr, double InitialLr, double Beta1, double Beta2, double Eps, double BiasCorrection1, double BiasCorrection2, long Step);
}
