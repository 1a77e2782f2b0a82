using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.TorchSharp.Tests;

public class TrainingTests
{
    /// <summary>Two noisy interleaved classes (XOR of the signs of two coordinates): learnable, but not linearly.</summary>
    internal static (Tensor X, Tensor Y) XorData(int count, int seed)
    {
        var generator = torch.manual_seed(seed);
        Tensor x = torch.rand([count, 2], generator: generator).mul_(2).sub_(1);
        Tensor y = x[.., 0].mul(x[.., 1]).gt(0).to(ScalarType.Int64);
        return (x.add(torch.randn([count, 2], generator: generator).mul_(0.02)), y);
    }

    internal static Module<Tensor, Tensor> Mlp(int seed)
    {
        torch.manual_seed(seed);
        return Sequential(Linear(2, 32), Tanh(), Linear(32, 32), Tanh(), Linear(32, 2));
    }

    [Fact]
    public void TrainingAnMlp_OnXor_BringsCrossEntropyBelowPoint1AndAccuracyAbove97Percent()
    {
        var (x, y) = XorData(512, seed: 1);
        var model = Mlp(seed: 2);
        using var optimizer = new AdaMomentum(model.parameters(), lr: 0.01);
        var lossFunction = CrossEntropyLoss();
        double firstLoss = double.NaN, loss = double.NaN;

        for (int epoch = 0; epoch < 400; epoch++)
        {
            optimizer.zero_grad();
            using Tensor output = lossFunction.call(model.call(x), y);
            output.backward();
            optimizer.step();
            loss = output.item<float>();
            firstLoss = epoch == 0 ? loss : firstLoss;
        }

        double accuracy = model.call(x).argmax(1).eq(y).to(ScalarType.Float32).mean().item<float>();
        Assert.True(firstLoss > 0.6, $"initial loss {firstLoss}");
        Assert.True(loss < 0.1, $"final loss {loss}");
        Assert.True(accuracy > 0.97, $"accuracy {accuracy}");
    }

    [Fact]
    public void StepWithClosure_ReturnsTheClosuresLossAndStepsOnItsGradients_ExactlyAsAPlainStep()
    {
        var (x, y) = XorData(64, seed: 3);
        Module<Tensor, Tensor> model = Mlp(seed: 4), twin = Mlp(seed: 4);
        using var optimizer = new AdaMomentum(model.parameters(), lr: 0.01);
        using var twinOptimizer = new AdaMomentum(twin.parameters(), lr: 0.01);
        var lossFunction = CrossEntropyLoss();

        Tensor loss = optimizer.step(() =>
        {
            optimizer.zero_grad();
            Tensor l = lossFunction.call(model.call(x), y);
            l.backward();
            return l;
        });
        twinOptimizer.zero_grad();
        Tensor twinLoss = lossFunction.call(twin.call(x), y);
        twinLoss.backward();
        twinOptimizer.step();

        Assert.Equal(twinLoss.item<float>(), loss.item<float>());
        foreach (var (a, b) in model.parameters().Zip(twin.parameters()))
        {
            Assert.Equal(TensorTestData.Values(b), TensorTestData.Values(a));
        }
        Assert.Equal(1, TensorTestData.StateOf(optimizer, 0).step);
    }
}
