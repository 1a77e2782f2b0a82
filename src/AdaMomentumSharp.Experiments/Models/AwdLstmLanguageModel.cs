using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// A word language model in the style of AWD-LSTM (Merity et al., 2018), as the authors' <c>LSTM_Penn_Treebank</c>
/// builds it: embedding (rows dropped as whole words), locked dropout, 1 to 3 <see cref="WeightDroppedLstm"/> layers
/// with locked dropout between them, the last as wide as the embedding, and a decoder that reuses the embedding matrix
/// (tied weights, Press and Wolf 2017; Inan et al. 2017) plus its own bias. Embedding uniform(±0.1), decoder bias 0.
/// Input and output are time-major: [time, batch] word ids in, [time × batch, vocabulary] logits out.
/// </summary>
/// <remarks>
/// Parameters: V·E + V for the tied embedding and the decoder bias, plus 4h(in + h) + 8h for each layer of input width
/// in and width h. On Penn Treebank (V = 10,000) with E = 400, hidden 1150: 24,221,600 for 3 layers (4,010,000 +
/// 7,139,200 + 10,589,200 + 2,483,200), 13,632,400 for 2 (4,010,000 + 7,139,200 + 2,483,200), 5,293,200 for 1
/// (4,010,000 + one 400→400 layer of 1,283,200).
/// </remarks>
internal sealed class AwdLstmLanguageModel : Module<Tensor, LstmState, AwdLstmOutput>
{
    private readonly Embedding encoder;
    private readonly Parameter decoder_bias;
    private readonly ModuleList<WeightDroppedLstm> layers;
    private readonly AwdLstmOptions options;

    public AwdLstmLanguageModel(AwdLstmOptions options)
        : base(nameof(AwdLstmLanguageModel))
    {
        options.Validate();
        this.options = options;
        encoder = Embedding(options.Vocabulary, options.Embedding);
        using (torch.no_grad())
        {
            encoder.weight!.uniform_(-0.1, 0.1);
        }
        decoder_bias = Parameter(torch.zeros(options.Vocabulary));
        layers = ModuleList(Enumerable.Range(0, options.Layers)
            .Select(l => new WeightDroppedLstm(l == 0 ? options.Embedding : options.Hidden, options.LayerWidth(l), options.WeightDropout))
            .ToArray());
        RegisterComponents();
    }

    /// <summary>Zero hidden and cell states for <paramref name="batch"/> sequences, on the model's device.</summary>
    public LstmState InitialState(int batch)
    {
        Device device = decoder_bias.device;
        return new LstmState(Enumerable.Range(0, options.Layers)
            .Select(l => (torch.zeros(batch, options.LayerWidth(l), device: device), torch.zeros(batch, options.LayerWidth(l), device: device)))
            .ToArray());
    }

    /// <summary>Word ids [time, batch] and the state the previous window left to logits, the new state and the last layer's outputs.</summary>
    public override AwdLstmOutput forward(Tensor input, LstmState state)
    {
        using var scope = torch.NewDisposeScope();
        Tensor embedded = LockedDropout.Apply(EmbedWithWordDropout(input), options.InputDropout, training);
        Tensor output = embedded, raw = embedded;
        var next = new (Tensor Hidden, Tensor Cell)[options.Layers];
        for (int l = 0; l < options.Layers; l++)
        {
            (raw, next[l]) = layers[l].call(output, state.Layers[l]);
            output = LockedDropout.Apply(raw, l == options.Layers - 1 ? options.OutputDropout : options.LayerDropout, training);
        }
        Tensor logits = functional.linear(output.view(-1, options.Embedding), encoder.weight!, decoder_bias);
        var newState = new LstmState(next.Select(s => (s.Hidden.MoveToOuterDisposeScope(), s.Cell.MoveToOuterDisposeScope())).ToArray());
        return new AwdLstmOutput(logits.MoveToOuterDisposeScope(), newState, raw.MoveToOuterDisposeScope(), output.MoveToOuterDisposeScope());
    }

    /// <summary>AWD-LSTM's embedding dropout: while training, each word's whole row is zeroed with probability p and the rest scaled by 1 / (1 − p).</summary>
    private Tensor EmbedWithWordDropout(Tensor input)
    {
        Tensor weight = encoder.weight!;
        if (training && options.EmbeddingDropout > 0)
        {
            Tensor mask = LockedDropout.Mask([options.Vocabulary, 1], options.EmbeddingDropout, weight.dtype, weight.device);
            weight = weight * mask;
        }
        return weight.index_select(0, input.reshape(-1)).view(input.shape[0], input.shape[1], options.Embedding);
    }
}
