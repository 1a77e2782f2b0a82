using AdaMomentumSharp.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class WeightDroppedLstmTests
{
    [Fact]
    public void Forward_WithoutDropout_MatchesTorchLstmGivenTheSameWeights()
    {
        torch.manual_seed(10);
        using var ours = new WeightDroppedLstm(5, 7, weightDropout: 0.5);
        ours.eval();
        using var reference = nn.LSTM(5, 7);
        using var noGrad = torch.no_grad();
        var weights = ours.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        var theirs = reference.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (string name in new[] { "weight_ih", "weight_hh", "bias_ih", "bias_hh" })
        {
            theirs[name + "_l0"].copy_(weights[name]);
        }
        using var input = torch.randn(6, 3, 5);
        using var h0 = torch.randn(3, 7);
        using var c0 = torch.randn(3, 7);

        var (output, (h, c)) = ours.call(input, (h0, c0));
        var (expected, hExpected, cExpected) = reference.call(input, (h0.unsqueeze(0), c0.unsqueeze(0)));

        Assert.True((output - expected).abs().max().item<float>() < 1e-6f);
        Assert.True((h - hExpected[0]).abs().max().item<float>() < 1e-6f);
        Assert.True((c - cExpected[0]).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Training_DropsHiddenWeightsOnly_SoTheFirstStepFromAZeroStateIsUnchanged()
    {
        torch.manual_seed(11);
        using var lstm = new WeightDroppedLstm(4, 6, weightDropout: 0.5);
        using var input = torch.randn(3, 2, 4);
        using var zero = torch.zeros(2, 6);

        lstm.eval();
        var (evaluated, _) = lstm.call(input, (zero, zero));
        lstm.train();
        var (trained, _) = lstm.call(input, (zero, zero));

        // Step 0 sees h = 0, so dropping hidden-to-hidden weights cannot change it; later steps do see them.
        Assert.True((evaluated[0] - trained[0]).abs().max().item<float>() < 1e-7f);
        Assert.True((evaluated[2] - trained[2]).abs().max().item<float>() > 1e-4f);
    }
}
