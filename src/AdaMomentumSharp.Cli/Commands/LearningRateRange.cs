using System.Globalization;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// The learning rates a comparison will start from (each --lr, times each --lr-grid factor) must be numbers the
/// models' float32 arithmetic holds; checked before any data loads, since an optimizer would refuse them only at its
/// first step. The floor leaves room for the schedules' drops (×0.1, ×0.2) to stay above float32's zero.
/// </summary>
public static class LearningRateRange
{
    public const double Smallest = 1e-38;

    public const double Largest = float.MaxValue;

    /// <exception cref="ArgumentException">A starting learning rate outside [<see cref="Smallest"/>, <see cref="Largest"/>], naming the option that made it.</exception>
    public static void Check(ComparisonOptions options)
    {
        foreach (OptimizerSpec spec in options.Optimizers)
        {
            double start = options.BaseLr(spec);
            foreach (double factor in options.LrGridFactors.DefaultIfEmpty(1))
            {
                double lr = start * factor;
                if (lr is < Smallest or > Largest)
                {
                    string source = options.LrGridFactors.Count == 0
                        ? string.Create(CultureInfo.InvariantCulture, $"--lr {spec.Name}={start:G}: the learning rate")
                        : string.Create(CultureInfo.InvariantCulture, $"--lr-grid {factor:G}: {spec.Name}'s learning rate {start:G} × {factor:G} = {lr:G}");
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"{source} is outside what the models' float32 arithmetic holds; it must lie between {Smallest:G} and {Largest:G3}."));
                }
            }
        }
    }
}
