using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// The same update as the kernel, in the same order of operations, as TorchSharp tensor operations: for
/// parameters the kernel cannot reach (other devices, other dtypes, non-contiguous memory).
/// </summary>
internal static class TensorOpsStep
{
    /// <summary>
    /// The first non-finite element among <paramref name="gradients"/> (each with its parameter's index), in parameter
    /// order, or null. When all are finite (the common case) this costs one reduction per gradient and one
    /// synchronisation per device for the whole list; the element is located only when one is not.
    /// </summary>
    public static (int Index, long Element, double Value)? FindNonFinite(IReadOnlyList<(int Index, Tensor Gradient)> gradients)
    {
        using (torch.NewDisposeScope())
        {
            bool allFinite = gradients.GroupBy(g => g.Gradient.device.ToString())
                .All(onDevice => torch.stack(onDevice.Select(g => g.Gradient.isfinite().all()).ToArray()).all().item<bool>());
            if (allFinite)
            {
                return null;
            }
        }
        foreach (var (index, gradient) in gradients)
        {
            if (FindNonFinite(gradient) is var (element, value))
            {
                return (index, element, value);
            }
        }
        return null;
    }

    private static (long Element, double Value)? FindNonFinite(Tensor gradient)
    {
        using var flat = gradient.flatten();
        using var bad = flat.isfinite().logical_not_().nonzero();
        if (bad.shape[0] == 0)
        {
            return null;
        }
        long element = bad[0, 0].item<long>();
        return (element, flat[element].to(ScalarType.Float64).item<double>());
    }

    /// <summary>Steps one parameter by its step <see cref="ParameterUpdate.NextStep"/>; the optimizer counts it afterwards.</summary>
    public static void Run(ParameterUpdate update)
    {
        var c = StepCoefficients<double>.For(update.Options, update.NextStep);
        Tensor p = update.Working;
        AdaMomentum.State s = update.State;
        // Scalars made explicitly and kept alive to the end: an implicit double-to-Scalar conversion, or the alpha of 1
        // that TorchSharp makes itself when none is given, is a temporary that a collection on another thread may
        // finalize while native code still reads it (ScalarTemporaryAnalyzer enforces this at build time).
        using Scalar decay = c.Decay.ToScalar(), l2 = c.L2.ToScalar(), beta1 = c.Beta1.ToScalar(), oneMinusBeta1 = c.OneMinusBeta1.ToScalar();
        using Scalar beta2 = c.Beta2.ToScalar(), oneMinusBeta2 = c.OneMinusBeta2.ToScalar(), storedEpsilon = c.StoredEpsilon.ToScalar();
        using Scalar sqrtBiasCorrection2 = c.SqrtBiasCorrection2.ToScalar(), denominatorEpsilon = c.DenominatorEpsilon.ToScalar();
        using Scalar negativeStepSize = (-c.StepSize).ToScalar(), one = 1.ToScalar();

        if (c.Decay != 1)
        {
            p.mul_(decay);
        }
        Tensor g = update.Options.Maximize ? update.WorkingGradient.neg() : update.WorkingGradient;
        if (c.L2 != 0)
        {
            g = g.add(p, alpha: l2);
        }
        s.exp_avg.mul_(beta1).add_(g, alpha: oneMinusBeta1);
        s.exp_avg_sq.mul_(beta2).addcmul_(s.exp_avg, s.exp_avg, value: oneMinusBeta2);
        if (c.StoredEpsilon != 0)
        {
            s.exp_avg_sq.add_(storedEpsilon, alpha: one);
        }
        Tensor secondMoment = s.exp_avg_sq;
        if (c.TracksMaximum)
        {
            Tensor maximum = update.Maximum!;
            maximum.copy_(torch.maximum(maximum, s.exp_avg_sq));
            secondMoment = c.DividesByMaximum ? maximum : s.exp_avg_sq;
        }

        if (c.Kind == UpdateKind.MomentumOnly)
        {
            p.add_(s.exp_avg, alpha: negativeStepSize);
            return;
        }
        if (c.Kind == UpdateKind.None)
        {
            return;
        }
        Tensor denominator = secondMoment.sqrt().div_(sqrtBiasCorrection2);
        if (c.DenominatorEpsilon != 0)
        {
            denominator.add_(denominatorEpsilon, alpha: one);
        }
        p.addcdiv_(s.exp_avg, denominator, value: negativeStepSize);
    }

}
