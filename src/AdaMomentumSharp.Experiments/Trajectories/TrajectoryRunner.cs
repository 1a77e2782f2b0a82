using AdaMomentumSharp.Experiments.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Trajectories;

/// <summary>Runs an optimizer on a test function and records the points it visits.</summary>
public static class TrajectoryRunner
{
    /// <summary>The path from the start, one point per step; it stops early if the iterate leaves the finite numbers.</summary>
    public static Trajectory Run(TestFunction function, OptimizerSpec spec, int seed)
    {
        using var scope = torch.NewDisposeScope();
        var generator = torch.manual_seed(seed);
        var point = new Parameter(torch.tensor(new[] { function.Start.X, function.Start.Y }));
        double lr = function.LearningRates.For(spec.Family);
        using torch.optim.Optimizer optimizer = spec.Create([point], new OptimizerSettings(lr, 0, 1e-8, Threads: 1));
        using Scalar noise = function.GradientNoise.ToScalar();
        var path = new List<(double, double)> { function.Start };
        for (int step = 0; step < function.Steps; step++)
        {
            optimizer.zero_grad();
            function.Evaluate(point).backward();
            if (function.GradientNoise > 0)
            {
                point.grad!.add_(torch.randn(2, dtype: ScalarType.Float64, generator: generator).mul_(noise), KeptScalars.One);
            }
            optimizer.step();
            double[] xy = point.data<double>().ToArray();
            if (!double.IsFinite(xy[0]) || !double.IsFinite(xy[1]))
            {
                return new Trajectory(spec.Name, lr, path, Diverged: true);
            }
            path.Add((xy[0], xy[1]));
        }
        return new Trajectory(spec.Name, lr, path, Diverged: false);
    }
}
