namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// The shape and regularization of <see cref="AwdLstmLanguageModel"/>; the defaults are the authors'
/// (<c>LSTM_Penn_Treebank/main.py</c>): embedding 400, hidden 1150, 3 layers, dropout 0.4 on the output, 0.25
/// between layers, 0.4 on the input, 0.1 of embedding rows, 0.5 of hidden-to-hidden weights.
/// </summary>
/// <param name="Vocabulary">Words in the vocabulary.</param>
/// <param name="Embedding">Embedding width, also the last layer's width (the decoder is the embedding, transposed).</param>
/// <param name="Hidden">Width of every layer but the last; scale it down for small runs.</param>
/// <param name="Layers">1 to 3 LSTM layers; with one, its width is <paramref name="Embedding"/>.</param>
/// <param name="OutputDropout">Locked dropout on the last layer's output (AWD-LSTM's <c>dropout</c>).</param>
/// <param name="LayerDropout">Locked dropout between layers (<c>dropouth</c>).</param>
/// <param name="InputDropout">Locked dropout on the embedded input (<c>dropouti</c>).</param>
/// <param name="EmbeddingDropout">Probability of dropping a word's whole embedding row (<c>dropoute</c>).</param>
/// <param name="WeightDropout">DropConnect on hidden-to-hidden weights (<c>wdrop</c>).</param>
internal sealed record AwdLstmOptions(
    int Vocabulary, int Embedding = 400, int Hidden = 1150, int Layers = 3, double OutputDropout = 0.4, double LayerDropout = 0.25,
    double InputDropout = 0.4, double EmbeddingDropout = 0.1, double WeightDropout = 0.5)
{
    /// <summary>Throws when a size or probability is out of range, naming the option, its value and the rule.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Vocabulary, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(Embedding, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(Hidden, 1);
        if (Layers is < 1 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "An AWD-LSTM has 1 to 3 layers.");
        }
        foreach (var (name, p) in new[]
        {
            (nameof(OutputDropout), OutputDropout), (nameof(LayerDropout), LayerDropout), (nameof(InputDropout), InputDropout),
            (nameof(EmbeddingDropout), EmbeddingDropout), (nameof(WeightDropout), WeightDropout),
        })
        {
            if (p is < 0 or >= 1)
            {
                throw new ArgumentOutOfRangeException(name, p, $"{name} is a probability in [0, 1).");
            }
        }
    }

    /// <summary>Layer <paramref name="layer"/>'s width: <see cref="Hidden"/>, except the last, which is <see cref="Embedding"/> so the weights can be tied.</summary>
    public int LayerWidth(int layer) => layer == Layers - 1 ? Embedding : Hidden;
}
