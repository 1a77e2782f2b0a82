using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>
/// AdaBelief (Zhuang et al., 2020), as the authors' code with decoupling and rectification off:
/// m = β1·m + (1−β1)·g;  s = β2·s + (1−β2)·(g−m)² + eps;  p −= lr/(1−β1^t) · m / (sqrt(s)/sqrt(1−β2^t) + eps).
/// </summary>
public sealed class AdaBelief(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                              double eps = 1e-16, double weight_decay = 0)
    : MomentOptimizer(parameters, lr, beta1, beta2, eps, weight_decay)
{
    protected override void Update(Parameter parameter, Tensor grad, MomentState state, UpdateContext c)
    {
        using Scalar sqrtBiasCorrection2 = Math.Sqrt(c.BiasCorrection2).ToScalar(), negativeStepSize = (-c.Lr / c.BiasCorrection1).ToScalar();
        using Tensor residual = grad - state.ExpAvg;
        state.ExpAvgSq.mul_(c.Scalars.Beta2).addcmul_(residual, residual, value: c.Scalars.OneMinusBeta2).add_(c.Scalars.Eps, KeptScalars.One);
        using Tensor denominator = state.ExpAvgSq.sqrt().div_(sqrtBiasCorrection2).add_(c.Scalars.Eps, KeptScalars.One);
        parameter.addcdiv_(state.ExpAvg, denominator, value: negativeStepSize);
    }
}
