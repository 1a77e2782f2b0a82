using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class AdversarialLossTests
{
    [Fact]
    public void Compute_IsSoftplusOfMinusLogitForReal_AndOfLogitForFake()
    {
        using var logits = torch.tensor(new[] { -2f, 0f, 3f });
        using var real = torch.ones(3);
        using var fake = torch.zeros(3);

        using var realLoss = AdversarialLoss.Instance.Compute(logits, real, 0, torch.nn.Reduction.Sum);
        using var fakeLoss = AdversarialLoss.Instance.Compute(logits, fake, 0);

        double Softplus(double x) => Math.Log(1 + Math.Exp(x));
        Assert.Equal(Softplus(2) + Softplus(0) + Softplus(-3), realLoss.item<float>(), 1e-6);
        Assert.Equal((Softplus(-2) + Softplus(0) + Softplus(3)) / 3, fakeLoss.item<float>(), 1e-6);
    }

    [Fact]
    public void Compute_WithLabelSmoothing_IsRefused()
    {
        using var logits = torch.zeros(2);
        using var target = torch.ones(2);

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => AdversarialLoss.Instance.Compute(logits, target, 0.1));
        Assert.Equal("labelSmoothing", e.ParamName);
    }
}
