using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>
/// Yogi (Zaheer et al., 2018), as the code the AdaM3 authors ran; moments start at 1e-6:
/// m = β1·m + (1−β1)·g;  v = v − (1−β2)·sign(v − g²)·g²;  p −= lr/(1−β1^t) · m / (sqrt(v)/sqrt(1−β2^t) + eps).
/// </summary>
public sealed class Yogi(IEnumerable<Parameter> parameters, double lr = 1e-2, double beta1 = 0.9, double beta2 = 0.999,
                         double eps = 1e-3, double weight_decay = 0)
    : MomentOptimizer(parameters, lr, beta1, beta2, eps, weight_decay)
{
    public const double InitialAccumulator = 1e-6;

    protected override double InitialMoment => InitialAccumulator;

    protected override void Update(Parameter parameter, Tensor grad, MomentState state, UpdateContext c)
    {
        using Scalar negativeOneMinusBeta2 = (-(1 - c.Beta2)).ToScalar(), sqrtBiasCorrection2 = Math.Sqrt(c.BiasCorrection2).ToScalar();
        using Scalar negativeStepSize = (-c.Lr / c.BiasCorrection1).ToScalar();
        using Tensor squared = grad.mul(grad);
        using Tensor sign = (state.ExpAvgSq - squared).sign_();
        state.ExpAvgSq.addcmul_(sign, squared, value: negativeOneMinusBeta2);
        using Tensor denominator = state.ExpAvgSq.sqrt().div_(sqrtBiasCorrection2).add_(c.Scalars.Eps, KeptScalars.One);
        parameter.addcdiv_(state.ExpAvg, denominator, value: negativeStepSize);
    }
}
