using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

public class FusedCpuStepTests
{
    [Theory]
    [InlineData(ScalarType.Float32, true, true)]
    [InlineData(ScalarType.Float64, true, true)]
    [InlineData(ScalarType.Float32, false, false)]
    [InlineData(ScalarType.Float16, true, true)]
    [InlineData(ScalarType.BFloat16, true, true)]
    [InlineData(ScalarType.BFloat16, false, false)]
    public void CanRun_ForContiguousCpuParameters_LowPrecisionOnesThroughTheirFloat32Copies(ScalarType dtype, bool contiguous, bool expected)
    {
        Parameter p = Parameter(new Random(1), [6, 4], dtype, contiguous);
        p.grad = torch.ones_like(p);
        using var optimizer = new AdaMomentum([p]);

        var update = ParameterUpdate.For(0, p, p.grad!, StateOf(optimizer, 0), new AdaMomentumOptions());

        Assert.Equal(expected, FusedCpuStep.Reach(update.Working, update.WorkingGradient, update.State) is not null);
    }
}
