using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>With β1 = 0 and eps = 0 AdaMomentum's update is Adam's: a check against TorchSharp's own Adam.</summary>
public class AdamCrossCheckTests
{
    [Theory]
    [InlineData(ScalarType.Float32, true, 2e-6)]
    [InlineData(ScalarType.Float32, false, 2e-6)]
    [InlineData(ScalarType.Float64, true, 1e-12)]
    [InlineData(ScalarType.Float64, false, 1e-12)]
    public void Step_WithBeta1ZeroAndEpsZero_EqualsTorchSharpAdam(ScalarType dtype, bool fused, double relative)
    {
        var random = new Random(7);
        Parameter ours = Parameter(random, [64, 17], dtype);
        var theirs = new Parameter(ours.detach().clone());
        using var adaMomentum = new AdaMomentum([ours], lr: 0.01, beta1: 0, beta2: 0.99, eps: 0);
        adaMomentum.FusedCpuStepEnabled = fused;
        using var adam = torch.optim.Adam([theirs], lr: 0.01, beta1: 0, beta2: 0.99, eps: 0);

        for (int t = 1; t <= 40; t++)
        {
            // Adam with eps = 0 divides 0 by 0 on a zero gradient, so keep every gradient away from zero.
            Tensor g = torch.rand([64, 17], dtype: ScalarType.Float64, generator: torch.manual_seed(t)).add_(0.1)
                            .mul_(torch.tensor(t % 2 == 0 ? 1.0 : -1.0)).to(dtype);
            ours.grad = g;
            theirs.grad = g.clone();
            adaMomentum.step();
            adam.step();

            double[] a = Values(ours), b = Values(theirs);
            for (int i = 0; i < a.Length; i++)
            {
                Assert.True(Math.Abs(a[i] - b[i]) <= relative * (Math.Abs(b[i]) + 0.01 * t),
                    $"step {t} element {i}: AdaMomentum {a[i]:R} vs Adam {b[i]:R}");
            }
        }
    }
}
