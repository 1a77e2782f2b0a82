using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// float16 and bfloat16 parameters are stepped in float32 arithmetic with float32 moments: each step equals the float32
/// step from the same rounded state, rounded once to the parameter's type.
/// </summary>
public class LowPrecisionTests
{
    [Theory]
    [InlineData(ScalarType.Float16, true)]
    [InlineData(ScalarType.Float16, false)]
    [InlineData(ScalarType.BFloat16, true)]
    [InlineData(ScalarType.BFloat16, false)]
    public void Step_OnLowPrecisionParameter_IsTheFloat32StepRoundedOnce(ScalarType dtype, bool fused)
    {
        var random = new Random(3);
        var low = new Parameter(Random(random, [50], 1, dtype));
        var single = new Parameter(low.detach().to(ScalarType.Float32));
        using var lowOptimizer = new AdaMomentum([low], lr: 0.01) { FusedCpuStepEnabled = fused };
        using var singleOptimizer = new AdaMomentum([single], lr: 0.01) { FusedCpuStepEnabled = fused };

        for (int t = 0; t < 6; t++)
        {
            Tensor g = Random(random, [50], 1, ScalarType.Float32).to(dtype);
            low.grad = g;
            single.grad = g.to(ScalarType.Float32);
            lowOptimizer.step();
            singleOptimizer.step();
            using (torch.no_grad())
            {
                single.copy_(single.to(dtype).to(ScalarType.Float32));
            }

            Assert.Equal(ScalarType.Float32, StateOf(lowOptimizer, 0).exp_avg.dtype);
            Assert.Equal(Values(StateOf(singleOptimizer, 0).exp_avg), Values(StateOf(lowOptimizer, 0).exp_avg));
            Assert.Equal(Values(StateOf(singleOptimizer, 0).exp_avg_sq), Values(StateOf(lowOptimizer, 0).exp_avg_sq));
            Assert.Equal(Values(single), Values(low));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Step_OnFloat16WithSmallGradientsAndTheDefaultEps_StaysFinite(bool fused)
    {
        // In float16 arithmetic eps = 1e-16 is 0 and (1 − β2)·m² underflows below |g| ≈ 0.08: 0/0 on the first step.
        var p = new Parameter(torch.full([64], 0.5, ScalarType.Float16));
        using var optimizer = new AdaMomentum([p]) { FusedCpuStepEnabled = fused };
        p.grad = torch.linspace(-0.05, 0.05, 64).to(ScalarType.Float16);

        optimizer.step();

        double[] values = Values(p);
        Assert.All(values, x => Assert.True(double.IsFinite(x), $"{x}"));
        Assert.True(values.Count(x => x != 0.5) > 48, "most elements moved by lr");
    }
}
