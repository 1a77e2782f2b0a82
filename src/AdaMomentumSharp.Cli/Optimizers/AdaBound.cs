using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>
/// AdaBound (Luo et al., 2019), as its reference code: Adam whose per-element step size is clipped to bounds that
/// close in on a final SGD rate. With η = lr·sqrt(1−β2^t)/(1−β1^t) and f = final_lr·lr/lr₀:
/// p −= clamp(η / (sqrt(v) + eps), f·(1 − 1/(γt+1)), f·(1 + 1/(γt))) · m.
/// </summary>
public sealed class AdaBound(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                             double eps = 1e-8, double weight_decay = 0, double final_lr = 0.1, double gamma = 1e-3)
    : MomentOptimizer(parameters, lr, beta1, beta2, eps, weight_decay)
{
    protected override void Update(Parameter parameter, Tensor grad, MomentState state, UpdateContext c)
    {
        state.ExpAvg.mul_(c.Beta1).add_(grad, alpha: 1 - c.Beta1);
        state.ExpAvgSq.mul_(c.Beta2).addcmul_(grad, grad, value: 1 - c.Beta2);
        double stepSize = c.Lr * Math.Sqrt(c.BiasCorrection2) / c.BiasCorrection1;
        double finalLr = final_lr * c.Lr / c.InitialLr;
        double lower = finalLr * (1 - 1 / (gamma * c.Step + 1)), upper = finalLr * (1 + 1 / (gamma * c.Step));
        using Tensor step = state.ExpAvgSq.sqrt().add_(c.Eps).reciprocal_().mul_(stepSize).clamp_(lower, upper).mul_(state.ExpAvg);
        parameter.sub_(step);
    }
}
