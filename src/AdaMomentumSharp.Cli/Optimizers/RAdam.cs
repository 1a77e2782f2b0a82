using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>
/// RAdam (Liu et al., 2020), as PyTorch's torch.optim.RAdam, with the core library's <see cref="Rectification"/>:
/// p −= lr/(1−β1^t) · m · AdaptiveScale(β2, t)/(sqrt(v) + eps) once ρt &gt; 5, and p −= lr/(1−β1^t) · m before.
/// Written here because TorchSharp 0.107.0's RAdam multiplies by lr twice in the rectified branch.
/// </summary>
public sealed class RAdam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
                          double eps = 1e-8, double weight_decay = 0)
    : MomentOptimizer(parameters, lr, beta1, beta2, eps, weight_decay)
{
    protected override void Update(Parameter parameter, Tensor grad, MomentState state, UpdateContext c)
    {
        state.ExpAvgSq.mul_(c.Scalars.Beta2).addcmul_(grad, grad, value: c.Scalars.OneMinusBeta2);
        double stepSize = c.Lr / c.BiasCorrection1;
        // PyTorch's RAdam keeps to momentum steps while ρt ≤ 5; AdaMomentum's rectified variant switches at ρt < 5.
        if (Rectification.Rho(c.Beta2, c.Step) <= Rectification.Threshold)
        {
            using Scalar negativeStepSize = (-stepSize).ToScalar();
            parameter.add_(state.ExpAvg, alpha: negativeStepSize);
            return;
        }
        using Scalar negativeRectifiedStep = (-stepSize * Rectification.AdaptiveScale(c.Beta2, c.Step)).ToScalar();
        using Tensor denominator = state.ExpAvgSq.sqrt().add_(c.Scalars.Eps, KeptScalars.One);
        parameter.addcdiv_(state.ExpAvg, denominator, value: negativeRectifiedStep);
    }
}
