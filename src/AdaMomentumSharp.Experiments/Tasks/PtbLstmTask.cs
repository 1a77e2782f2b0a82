using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Models;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// A word-level AWD-LSTM language model (<see cref="AwdLstmLanguageModel"/>, the authors' sizes: embedding 400, hidden
/// 1150, --layers 1 to 3) on Penn Treebank when --data holds it, else on the fortunes word corpus
/// (<see cref="FortuneWordCorpus"/>). Hidden state carries over from window to window (<see cref="StatefulLanguageModel"/>).
/// The learning rate drops ÷10 at 50 % and 72.5 % of the epochs, as the authors' 200-epoch runs do at 100 and 145.
/// <c>--hidden</c> scales the model down: it sets the inner layers' width, and the embedding (which is also the last
/// layer's width, the weights being tied) is the smaller of 400 and that width, so a one-layer model shrinks too.
/// </summary>
internal sealed class PtbLstmTask : SupervisedTask
{
    public override string Name => "ptb-lstm";

    public override int MaxLayers => 3;

    public override HiddenWidth Hidden { get; } = new(1150, "LSTM units per inner layer; the embedding and last layer get min(400, it)");

    public override string DefaultSchedule => "ptb-step";

    public override string Description => "word-level AWD-LSTM on Penn Treebank from --data, else the fortunes words (--layers 1 to 3)";

    public override TaskRecipe Recipe => TaskRecipes.WordLanguageModel;

    public override string DefaultDataDirectory => FortuneCookies.DefaultDirectory;

    public override int DefaultEpochs => 3;

    public override int DefaultBatchSize => BpttBatches.TrainColumns;

    /// <summary>Training windows of 70 rows per epoch: 100 × 70 × 20 = 140,000 tokens.</summary>
    public override int? DefaultTrainLimit => 100;

    /// <summary>
    /// Penn Treebank's test stream is read in AWD-LSTM's single column, so that perplexities compare with the authors';
    /// the fortunes corpus has no published figures to match, and reading its test stream in the validation's 10 columns
    /// makes evaluation about 10 times faster on a CPU (one sequential LSTM step per 10 words instead of per word).
    /// </summary>
    /// <exception cref="DataFileException">Neither Penn Treebank nor fortunes are in the folder, or a file is malformed.</exception>
    protected override TaskData Load(TaskSettings settings, CancellationToken cancellation) => HasPennTreebank(settings.DataDirectory)
        ? new WordData(PennTreebank.Load(settings.DataDirectory), settings.TrainLimit, BpttBatches.TestColumns)
        : new WordData(FortuneWordCorpus.Load(settings.DataDirectory), settings.TrainLimit, BpttBatches.ValidationColumns);

    public override nn.Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings)
    {
        if (settings.Layers < 1 || settings.Layers > MaxLayers)
        {
            throw new ArgumentOutOfRangeException(nameof(settings), settings.Layers, "ptb-lstm takes 1 to 3 layers.");
        }
        int hidden = settings.Hidden ?? Hidden.Default;
        var options = new AwdLstmOptions(((WordData)data).Vocabulary.Count, Embedding: Math.Min(400, hidden), Hidden: hidden, Layers: settings.Layers);
        return new StatefulLanguageModel(new AwdLstmLanguageModel(options));
    }

    private static bool HasPennTreebank(string directory) =>
        File.Exists(Path.Combine(directory, "ptb.train.txt")) || File.Exists(Path.Combine(directory, "train.txt"));
}
