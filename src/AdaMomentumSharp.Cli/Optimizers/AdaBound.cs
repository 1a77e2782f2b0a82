using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>
/// AdaBound (Luo et al., 2019), as its reference code: Adam whose per-element step size is clipped to bounds that
/// close in on a final SGD rate. With η = lr·sqrt(1−β2^t)/(1−β1^t) and f = final_lr·lr/lr₀:
/// p −= clamp(η / (sqrt(v) + eps), f·(1 − 1/(γt+1)), f·(1 + 1/(γt))) · m.
/// </summary>
public sealed class AdaBound : MomentOptimizer
{
    private readonly double finalLr;
    private readonly double gamma;

    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range (final_lr finite and ≥ 0, gamma in (0, 1), the rest as every baseline).</exception>
    public AdaBound(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                    double eps = 1e-8, double weight_decay = 0, double final_lr = 0.1, double gamma = 1e-3)
        : base(parameters, lr, beta1, beta2, eps, weight_decay)
    {
        if (!(final_lr >= 0) || double.IsInfinity(final_lr))
        {
            throw new ArgumentOutOfRangeException(nameof(final_lr), final_lr, $"final_lr must be a finite number ≥ 0; got {final_lr}.");
        }
        if (!(gamma > 0 && gamma < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"gamma must be in (0, 1); got {gamma}.");
        }
        (finalLr, this.gamma) = (final_lr, gamma);
    }

    protected override void Update(Parameter parameter, Tensor grad, MomentState state, UpdateContext c)
    {
        state.ExpAvgSq.mul_(c.Scalars.Beta2).addcmul_(grad, grad, value: c.Scalars.OneMinusBeta2);
        double final = finalLr * c.Lr / c.InitialLr;
        using Scalar stepSize = (c.Lr * Math.Sqrt(c.BiasCorrection2) / c.BiasCorrection1).ToScalar();
        using Scalar lower = (final * (1 - 1 / (gamma * c.Step + 1))).ToScalar(), upper = (final * (1 + 1 / (gamma * c.Step))).ToScalar();
        using Tensor step = state.ExpAvgSq.sqrt().add_(c.Scalars.Eps, KeptScalars.One).reciprocal_().mul_(stepSize).clamp_(lower, upper).mul_(state.ExpAvg);
        parameter.sub_(step);
    }
}
