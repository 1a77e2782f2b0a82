using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// Why AdaMomentum takes larger steps than Adam where the gradient oscillates. With g alternating ±G, the momentum
/// settles at ±M, M = (1 − β1)/(1 + β1)·G (from M = −β1·M·(−1) + (1 − β1)·G). Adam's v averages g² → G², so its
/// normalized step m/√v tends to (1 − β1)/(1 + β1) (0.0526 at β1 = 0.9); AdaMomentum's averages m² plus eps every step →
/// M² + eps/(1 − β2), so its step tends to M/√(M² + eps/(1 − β2)): 1 while M² dominates the floor, 19 times Adam's at
/// β1 = 0.9, and smaller once the floor takes over.
/// </summary>
public sealed class OscillationTests
{
    private const int Steps = 30_000;   // β2^t = e^-30: the bias corrections and the start's transient are gone
    private const double Lr = 1e-3, Beta1 = 0.9, Beta2 = 0.999;

    /// <summary>|Δp| / lr of the last step of <paramref name="optimizer"/> under g = ±<paramref name="g"/>, alternating.</summary>
    private static double LastNormalizedStep(Func<Parameter, optim.Optimizer> optimizer, double g)
    {
        var p = new Parameter(torch.zeros(1, dtype: float64));
        using optim.Optimizer o = optimizer(p);
        double before = 0;
        for (int t = 1; t <= Steps; t++)
        {
            before = p.data<double>()[0];
            p.grad = torch.full(1, t % 2 == 0 ? g : -g, dtype: float64);
            o.step();
        }
        return Math.Abs(p.data<double>()[0] - before) / Lr;
    }

    private static double MomentumAmplitude(double g) => (1 - Beta1) / (1 + Beta1) * g;

    [Fact]
    public void AdaMomentum_StepTendsToOne_NineteenTimesAdams()
    {
        double adaMomentum = LastNormalizedStep(p => new AdaMomentum([p], lr: Lr, eps: 1e-16), 1);
        double adam = LastNormalizedStep(p => optim.Adam([p], lr: Lr, eps: 0), 1);

        Assert.Equal(1, adaMomentum, 1e-9);
        Assert.Equal((1 - Beta1) / (1 + Beta1), adam, 1e-9);
        Assert.Equal((1 + Beta1) / (1 - Beta1), adaMomentum / adam, 1e-7);
    }

    [Theory]
    [InlineData(1e-4, 1e-8)]   // M² = 2.8e-11 against a floor of 1e-5: the floor sets the step
    [InlineData(1e-2, 1e-8)]   // M² = 2.8e-7: both count
    [InlineData(1e-4, 1e-16)]  // the floor of 1e-13 is far below M²
    public void AdaMomentum_WhereTheEpsFloorRivalsMSquared_StepsMOverRootOfMSquaredPlusTheFloor(double g, double eps)
    {
        double m = MomentumAmplitude(g);

        double step = LastNormalizedStep(p => new AdaMomentum([p], lr: Lr, eps: eps), g);

        Assert.Equal(m / Math.Sqrt(m * m + eps / (1 - Beta2)), step, 1e-9);
    }
}
