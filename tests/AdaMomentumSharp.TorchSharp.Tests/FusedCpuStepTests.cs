using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;

namespace AdaMomentumSharp.TorchSharp.Tests;

public class FusedCpuStepTests
{
    [Theory]
    [InlineData(ScalarType.Float32, true, true)]
    [InlineData(ScalarType.Float64, true, true)]
    [InlineData(ScalarType.Float32, false, false)]
    [InlineData(ScalarType.Float16, true, false)]
    [InlineData(ScalarType.BFloat16, true, false)]
    public void CanRun_OnlyForContiguousCpuFloat32AndFloat64(ScalarType dtype, bool contiguous, bool expected)
    {
        Parameter p = Parameter(new Random(1), [6, 4], dtype, contiguous);
        p.grad = torch.ones_like(p);
        using var optimizer = new AdaMomentum([p]);

        var update = new ParameterUpdate(0, p, p.grad!, StateOf(optimizer, 0), new AdaMomentumOptions());

        Assert.Equal(expected, FusedCpuStep.CanRun(update));
    }

    [Fact]
    public void Step_OnBFloat16Parameter_FollowsTheFloat32TrajectoryToBFloat16Precision()
    {
        var random = new Random(3);
        var half = new Parameter(Random(random, [50], 1, ScalarType.BFloat16));
        var single = new Parameter(half.detach().to(ScalarType.Float32));
        using var halfOptimizer = new AdaMomentum([half], lr: 0.01);
        using var singleOptimizer = new AdaMomentum([single], lr: 0.01);

        for (int t = 0; t < 5; t++)
        {
            Tensor g = Random(random, [50], 1, ScalarType.Float32);
            half.grad = g.to(ScalarType.BFloat16);
            single.grad = g.to(ScalarType.BFloat16).to(ScalarType.Float32);
            halfOptimizer.step();
            singleOptimizer.step();
        }

        double[] h = Values(half), s = Values(single);
        for (int i = 0; i < h.Length; i++)
        {
            Assert.True(Math.Abs(h[i] - s[i]) <= 0.02 * Math.Abs(s[i]) + 0.02, $"element {i}: bfloat16 {h[i]} vs float32 {s[i]}");
        }
    }
}
