using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// Collects <see cref="TensorDiagnostic"/>s of one run: around every step, how far each parameter tensor moved per unit
/// of learning rate; at each epoch's end, how much of AdaMomentum's second moment its eps floor holds up. It reads the
/// weights and the optimizer's state, never changes them, and draws no random numbers, so a run's metrics are the same
/// with it or without.
/// </summary>
public sealed class UpdateDiagnostics(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double eps, double beta2)
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
        var secondMoments = optimizer is AdaMomentum adaMomentum
            ? adaMomentum.state_dict().State.Cast<AdaMomentum.State>().Select(s => s.exp_avg_sq).ToList()
            : null;
        double threshold = FloorFactor * eps / (1 - beta2);
        var rows = new List<TensorDiagnostic>();
        for (int i = 0; i < parameters.Count; i++)
        {
            long elements = parameters[i].Parameter.numel();
            double nearFloor = double.NaN;
            if (secondMoments is not null && elements > 0)
            {
                if (!secondMoments[i].shape.SequenceEqual(parameters[i].Parameter.shape))
                {
                    throw new InvalidOperationException($"The optimizer's state {i} does not belong to {parameters[i].Name}.");
                }
                using Scalar limit = threshold.ToScalar();
                using Tensor below = secondMoments[i].lt(limit);
                using Tensor count = below.sum();
                nearFloor = count.item<long>() / (double)elements;
            }
            rows.Add(new TensorDiagnostic(epoch, parameters[i].Name, elements, steps == 0 ? double.NaN : updateSums[i] / steps, nearFloor));
        }
        Array.Clear(updateSums);
        steps = 0;
        return rows;
    }
}
