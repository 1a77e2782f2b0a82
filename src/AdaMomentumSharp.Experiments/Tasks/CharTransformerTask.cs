using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// A small causal Transformer language model over characters: width 128, 4 heads, feed-forward 256, learned
/// positions, 2 layers (or --layers), dropout 0.1.
/// </summary>
internal sealed class CharTransformerTask : CharacterTextTask
{
    private const int Width = 128;

    public override string Name => "char-transformer";

    public override string Description => "small causal Transformer language model on the fortunes corpus";

    public override int DefaultEpochs => 5;

    public override int? DefaultTrainLimit => 8000;

    public override Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings) =>
        new Model(AlphabetSize(data), Math.Max(2, settings.Layers));

    private sealed class Model : Module<Tensor, Tensor>
    {
        private readonly Embedding tokens;
        private readonly Embedding positions;
        private readonly TransformerEncoder encoder;
        private readonly Linear readOut;

        public Model(int alphabet, int layers)
            : base(nameof(CharTransformerTask))
        {
            tokens = Embedding(alphabet, Width);
            positions = Embedding(SequenceLength, Width);
            encoder = TransformerEncoder(TransformerEncoderLayer(Width, 4, 2 * Width, 0.1), layers);
            readOut = Linear(Width, alphabet);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            long length = input.shape[1];
            using Scalar end = length.ToScalar();
            Tensor x = tokens.call(input).add(positions.call(torch.arange(end, device: input.device)), KeptScalars.One);
            Tensor causal = torch.full([length, length], KeptScalars.Of(double.NegativeInfinity), device: input.device).triu(1);
            Tensor encoded = encoder.call(x.transpose(0, 1), causal).transpose(0, 1);
            return readOut.call(encoded).reshape(-1, readOut.out_features).MoveToOuterDisposeScope();
        }
    }
}
