using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// Collects <see cref="TensorDiagnostic"/>s of one run: around every step, how far each parameter tensor moved per unit
/// of learning rate; at each epoch's end, how much of AdaMomentum's second moment its eps floor holds up. It reads the
/// weights and the optimizer's state, never changes them, and draws no random numbers, so a run's metrics are the same
/// with it or without.
/// </summary>
internal sealed class UpdateDiagnostics(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double eps, double beta2)
{
    /// <summary>A second moment below this many times its floor counts as held up by it.</summary>
    public const double FloorFactor = 10;

    private readonly double[] updateSums = new double[parameters.Count];
    private Tensor[]? before;
    private int steps;

    /// <summary>Copies the weights a step is about to change.</summary>
    public void BeforeStep()
    {
        using var noGrad = torch.no_grad();
        before = [.. parameters.Select(p => p.Parameter.detach().clone().DetachFromDisposeScope())];
    }

    /// <summary>Adds each tensor's mean |Δp| / <paramref name="lr"/> for the step just taken at that rate.</summary>
    public void AfterStep(double lr)
    {
        if (before is null)
        {
            throw new InvalidOperationException("AfterStep needs a BeforeStep first.");
        }
        using var noGrad = torch.no_grad();
        for (int i = 0; i < parameters.Count; i++)
        {
            using Tensor moved = parameters[i].Parameter.detach().sub(before[i]);
            using Tensor size = moved.abs().mean();
            updateSums[i] += size.to_type(ScalarType.Float64).item<double>() / lr;
            before[i].Dispose();
        }
        before = null;
        steps++;
    }

    /// <summary>This epoch's rows, then starts the next epoch's sums.</summary>
    public IReadOnlyList<TensorDiagnostic> FinishEpoch(int epoch, optim.Optimizer optimizer)
    {
        var states = optimizer is AdaMomentum adaMomentum ? adaMomentum.state_dict().State.Cast<AdaMomentum.State>().ToList() : null;
        var rows = new List<TensorDiagnostic>();
        for (int i = 0; i < parameters.Count; i++)
        {
            long elements = parameters[i].Parameter.numel();
            double nearFloor = states is not null && elements > 0 ? NearFloorFraction(states[i], parameters[i]) : double.NaN;
            rows.Add(new TensorDiagnostic(epoch, parameters[i].Name, elements, steps == 0 ? double.NaN : updateSums[i] / steps, nearFloor));
        }
        Array.Clear(updateSums);
        steps = 0;
        return rows;
    }

    /// <summary>
    /// The share of <paramref name="state"/>'s elements whose bias-corrected second moment v / (1 − β2^t), the one the
    /// step divides by, is below <see cref="FloorFactor"/>·eps/(1 − β2): that corrected v never falls below eps/(1 − β2),
    /// from the first step on, while the raw v's own floor starts at eps and only approaches it.
    /// </summary>
    private double NearFloorFraction(AdaMomentum.State state, (string Name, Parameter Parameter) parameter)
    {
        if (!state.exp_avg_sq.shape.SequenceEqual(parameter.Parameter.shape))
        {
            throw new InvalidOperationException($"The optimizer's state of shape [{string.Join(", ", state.exp_avg_sq.shape)}] does not belong to {parameter.Name}.");
        }
        if (state.step == 0)
        {
            return double.NaN;
        }
        double rawThreshold = FloorFactor * eps / (1 - beta2) * (1 - Math.Pow(beta2, state.step));
        using Scalar limit = rawThreshold.ToScalar();
        using Tensor below = state.exp_avg_sq.lt(limit);
        using Tensor count = below.sum();
        return count.item<long>() / (double)parameter.Parameter.numel();
    }
}
