using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>A character-level LSTM language model: embedding 64, 1 to 3 LSTM layers of 256, a linear read-out.</summary>
internal sealed class CharLstmTask : CharacterTextTask
{
    public override string Name => "char-lstm";

    public override int MaxLayers => 3;

    public override string Description => "character LSTM language model on the fortunes corpus (--layers 1 to 3)";

    public override int DefaultEpochs => 5;

    public override int? DefaultTrainLimit => 8000;

    public override Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings)
    {
        if (settings.Layers < 1 || settings.Layers > MaxLayers)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Layers, "char-lstm takes 1 to 3 layers.");
        }
        return new Model(AlphabetSize(data), settings.Layers);
    }

    private sealed class Model : Module<Tensor, Tensor>
    {
        private readonly Embedding embedding;
        private readonly LSTM lstm;
        private readonly Linear readOut;

        public Model(int alphabet, int layers)
            : base(nameof(CharLstmTask))
        {
            embedding = Embedding(alphabet, 64);
            lstm = LSTM(64, 256, layers, batchFirst: true);
            readOut = Linear(256, alphabet);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using Tensor embedded = embedding.call(input);
            var (output, h, c) = lstm.call(embedded);
            h.Dispose();
            c.Dispose();
            using (output)
            {
                return readOut.call(output).reshape(-1, readOut.out_features);
            }
        }
    }
}
