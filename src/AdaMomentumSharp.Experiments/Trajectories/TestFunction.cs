using AdaMomentumSharp.Experiments.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Trajectories;

/// <summary>A two-dimensional test function for drawing optimizer paths over its contours.</summary>
/// <param name="Name">File-name-safe name.</param>
/// <param name="Evaluate">f(x, y) on a tensor holding [x, y].</param>
/// <param name="Start">Where every optimizer starts.</param>
/// <param name="Minimum">The global minimum to mark, if the function has one.</param>
/// <param name="Area">The plotted rectangle: x from, x to, y from, y to.</param>
/// <param name="GradientNoise">Standard deviation of Gaussian noise added to each gradient (a stochastic setting).</param>
/// <param name="LearningRates">Learning rate per optimizer family: momentum SGD needs a far smaller one on steep functions.</param>
public sealed record TestFunction(
    string Name, Func<Tensor, Tensor> Evaluate, (double X, double Y) Start, (double X, double Y)? Minimum,
    (double XMin, double XMax, double YMin, double YMax) Area, double GradientNoise, LearningRates LearningRates, int Steps)
{
    public static IReadOnlyList<TestFunction> All { get; } =
    [
        new("rosenbrock", p => Plus(Minus(1, p[0]).square(), Times(100, (p[1] - p[0].square()).square())),
            (-1.5, 2.0), (1, 1), (-2, 2, -1, 3), 0, new(Adaptive: 0.02, Momentum: 2e-4), 1500),
        new("beale", p => Plus(Plus(Plus(Minus(1.5, p[0]), p[0] * p[1]).square(), Plus(Minus(2.25, p[0]), p[0] * p[1].square()).square()),
                               Plus(Minus(2.625, p[0]), p[0] * p[1].pow(KeptScalars.Of(3))).square()),
            (1, 1.5), (3, 0.5), (-1, 4, -1.5, 2), 0, new(Adaptive: 0.02, Momentum: 1e-3), 1500),
        new("saddle", p => p[0].square() - p[1].square(),
            (1, 1e-3), null, (-1.5, 1.5, -1.5, 1.5), 0, new(Adaptive: 0.01, Momentum: 0.01), 300),
        new("noisy-quadratic", p => Times(0.5, Plus(p[0].square(), Times(10, p[1].square()))),
            (2, 2), (0, 0), (-3, 3, -3, 3), 1.0, new(Adaptive: 0.02, Momentum: 0.01), 800),
    ];

    // The formulas' arithmetic, in the order TorchSharp's operators would do it, with Scalars that stay alive (KeptScalars).
    private static Tensor Plus(Tensor a, Tensor b) => a.add(b, KeptScalars.One);

    private static Tensor Minus(double constant, Tensor t) => t.negative().add(KeptScalars.Of(constant), KeptScalars.One);

    private static Tensor Times(double constant, Tensor t) => t.mul(KeptScalars.Of(constant));

    /// <summary>Whether a point lies inside the plotted rectangle.</summary>
    public bool Contains((double X, double Y) point) =>
        point.X >= Area.XMin && point.X <= Area.XMax && point.Y >= Area.YMin && point.Y <= Area.YMax;

    /// <summary>f at one point, as a double.</summary>
    public double ValueAt(double x, double y)
    {
        using var point = torch.tensor(new[] { x, y });
        using Tensor value = Evaluate(point);
        return value.item<double>();
    }
}
