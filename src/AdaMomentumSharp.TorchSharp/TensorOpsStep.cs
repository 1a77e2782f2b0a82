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
    /// The first non-finite gradient element among <paramref name="updates"/>, in parameter order, or null. When all
    /// are finite (the common case) this costs one reduction per gradient and one synchronisation per device for the
    /// whole list; the element is located only when one is not.
    /// </summary>
    public static (int Index, long Element, double Value)? FindNonFinite(IReadOnlyList<ParameterUpdate> updates)
    {
        using (torch.NewDisposeScope())
        {
            bool allFinite = updates.GroupBy(u => u.WorkingGradient.device.ToString())
                .All(onDevice => torch.stack(onDevice.Select(u => u.WorkingGradient.isfinite().all()).ToArray()).all().item<bool>());
            if (allFinite)
            {
                return null;
            }
        }
        foreach (ParameterUpdate update in updates)
        {
            if (FindNonFinite(update.WorkingGradient) is var (element, value))
            {
                return (update.Index, element, value);
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

    /// <summary>Steps one parameter by its step <see cref="ParameterUpdate.NextStep"/>; <see cref="ParameterUpdate.Finish"/> counts it.</summary>
    public static void Run(ParameterUpdate update)
    {
        var c = StepCoefficients<double>.For(update.Options, update.NextStep);
        Tensor p = update.Working;
        AdaMomentum.State s = update.State;

        if (c.Decay != 1)
        {
            p.mul_(c.Decay);
        }
        Tensor g = update.Options.Maximize ? update.WorkingGradient.neg() : update.WorkingGradient;
        if (c.L2 != 0)
        {
            g = g.add(p, alpha: c.L2);
        }
        s.exp_avg.mul_(c.Beta1).add_(g, alpha: c.OneMinusBeta1);
        s.exp_avg_sq.mul_(c.Beta2).addcmul_(s.exp_avg, s.exp_avg, value: c.OneMinusBeta2);
        if (c.StoredEpsilon != 0)
        {
            s.exp_avg_sq.add_(c.StoredEpsilon);
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
            p.add_(s.exp_avg, alpha: -c.StepSize);
            return;
        }
        if (c.Kind == UpdateKind.None)
        {
            return;
        }
        Tensor denominator = secondMoment.sqrt().div_(c.SqrtBiasCorrection2);
        if (c.DenominatorEpsilon != 0)
        {
            denominator.add_(c.DenominatorEpsilon);
        }
        p.addcdiv_(s.exp_avg, denominator, value: -c.StepSize);
    }
}
