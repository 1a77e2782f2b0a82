using TorchSharp;

namespace AdaMomentumSharp.TorchSharp.Tests;

public class NativeLoadingTests
{
    [Fact]
    public void TorchSharp_LoadsAndComputesInThisProcess()
    {
        using var x = torch.arange(1, 5, dtype: torch.float32);

        Assert.Equal(10f, x.sum().item<float>());
    }
}
