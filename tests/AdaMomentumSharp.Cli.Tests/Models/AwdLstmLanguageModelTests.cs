using AdaMomentumSharp.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class AwdLstmLanguageModelTests
{
    private static readonly AwdLstmOptions Small = new(Vocabulary: 50, Embedding: 8, Hidden: 16, Layers: 3);

    private static readonly AwdLstmOptions NoDropout = Small with
    {
        OutputDropout = 0,
        LayerDropout = 0,
        InputDropout = 0,
        EmbeddingDropout = 0,
        WeightDropout = 0,
    };

    private static Tensor Words(int time, int batch, int seed) =>
        torch.tensor(Enumerable.Range(0, time * batch).Select(i => (long)((i * 17 + seed) % 50)).ToArray(), [time, batch]);

    [Theory]
    [InlineData(3, 24_221_600)]
    [InlineData(2, 13_632_400)]
    [InlineData(1, 5_293_200)]
    public void PennTreebankSize_HasThePublishedParameterCounts(int layers, long expected)
    {
        using var model = new AwdLstmLanguageModel(new AwdLstmOptions(10_000, Layers: layers));

        Assert.Equal(expected, ModelParameters.AwdLstm(10_000, 400, 1150, layers));
        Assert.Equal(expected, ModelParameters.Of(model));
    }

    [Fact]
    public void Forward_GivesLogitsPerTargetAndAStatePerLayer()
    {
        torch.manual_seed(5);
        using var model = new AwdLstmLanguageModel(Small);
        using var words = Words(7, 4, 0);
        using var state = model.InitialState(4);

        AwdLstmOutput output = model.call(words, state);

        Assert.Equal([28, 50], output.Logits.shape);
        Assert.Equal([[4, 16], [4, 16], [4, 8]], output.State.Layers.Select(layer => layer.Hidden.shape));
        Assert.Equal([[4, 16], [4, 16], [4, 8]], output.State.Layers.Select(layer => layer.Cell.shape));
        Assert.Equal([7, 4, 8], output.LastLayer.shape);
        Assert.Equal([7, 4, 8], output.LastLayerDropped.shape);
    }

    [Fact]
    public void Decoder_IsTheEmbeddingTransposedPlusABias()
    {
        torch.manual_seed(6);
        using var model = new AwdLstmLanguageModel(NoDropout);
        model.eval();
        using var noGrad = torch.no_grad();
        using var words = Words(5, 3, 1);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        parameters["decoder_bias"].uniform_(-1, 1);

        AwdLstmOutput output = model.call(words, model.InitialState(3));

        using var expected = output.LastLayer.view(-1, 8).matmul(parameters["encoder.weight"].t()) + parameters["decoder_bias"];
        Assert.True((output.Logits - expected).abs().max().item<float>() < 1e-6f);
        Assert.DoesNotContain(parameters.Values, p => p.shape.SequenceEqual(new long[] { 50, 8 }) && !ReferenceEquals(p, parameters["encoder.weight"]));
    }

    [Fact]
    public void Forward_OneLongWindow_EqualsTwoShortOnesCarryingTheState()
    {
        torch.manual_seed(7);
        using var model = new AwdLstmLanguageModel(Small);
        model.eval();
        using var noGrad = torch.no_grad();
        using var words = Words(6, 2, 2);

        AwdLstmOutput whole = model.call(words, model.InitialState(2));
        AwdLstmOutput first = model.call(words[..3], model.InitialState(2));
        AwdLstmOutput second = model.call(words[3..], first.State.Detach());

        using var joined = torch.cat([first.Logits, second.Logits], 0);
        Assert.True((whole.Logits - joined).abs().max().item<float>() < 1e-5f);
        Assert.True((whole.State.Layers[2].Cell - second.State.Layers[2].Cell).abs().max().item<float>() < 1e-6f);
    }

    [Fact]
    public void Training_DropsOut_Evaluation_IsDeterministic()
    {
        torch.manual_seed(8);
        using var model = new AwdLstmLanguageModel(Small);
        using var words = Words(4, 3, 3);

        model.eval();
        float[] eval1 = model.call(words, model.InitialState(3)).Logits.data<float>().ToArray();
        float[] eval2 = model.call(words, model.InitialState(3)).Logits.data<float>().ToArray();
        model.train();
        float[] train = model.call(words, model.InitialState(3)).Logits.data<float>().ToArray();

        Assert.Equal(eval1, eval2);
        Assert.NotEqual(eval1, train);
    }

    [Fact]
    public void Backward_ReachesEveryParameterThroughTheDroppedWeights()
    {
        torch.manual_seed(9);
        using var model = new AwdLstmLanguageModel(Small);
        model.train();
        using var words = Words(6, 2, 4);

        AwdLstmOutput output = model.call(words, model.InitialState(2));
        output.Logits.sum().backward();

        Assert.All(model.named_parameters(), p =>
        {
            Assert.True(p.parameter.grad is not null, $"{p.name} has no gradient.");
            Assert.True(p.parameter.grad!.abs().sum().item<float>() > 0, $"{p.name} has a zero gradient.");
        });
    }

    [Fact]
    public void ActivationPenalty_IsAlphaMeanSquareOfDroppedPlusBetaMeanSquaredStep()
    {
        using var raw = torch.tensor(new float[] { 1, 2, 4, 7 }, [4, 1, 1]);
        using var dropped = torch.tensor(new float[] { 0, 2, 0, 2 }, [4, 1, 1]);
        var output = new AwdLstmOutput(torch.zeros(1), new LstmState([]), raw, dropped);

        using var penalty = output.ActivationPenalty(alpha: 2, beta: 1);

        // α · (0 + 4 + 0 + 4) / 4 + β · (1 + 4 + 9) / 3.
        Assert.Equal(2 * 2 + 14 / 3.0, penalty.item<float>(), 1e-5);
    }

    [Theory]
    [InlineData(0, "Layers")]
    [InlineData(4, "Layers")]
    public void Options_LayersOutsideOneToThree_AreRefused(int layers, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AwdLstmLanguageModel(Small with { Layers = layers }));

        Assert.Equal(parameter, e.ParamName);
        Assert.Contains("1 to 3 layers", e.Message);
    }

    [Fact]
    public void Options_DropoutOfOne_IsRefusedByName()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new AwdLstmLanguageModel(Small with { WeightDropout = 1 }));

        Assert.Equal("WeightDropout", e.ParamName);
    }
}
