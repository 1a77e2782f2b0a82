using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Evaluation;

/// <summary>
/// How a data set's images move between the form its classifier and data pipeline use (normalized) and a 32×32 DCGAN's
/// form (tanh range [−1, 1]): real batches go to the discriminator in the second, generated images go to the feature
/// classifier in the first.
/// </summary>
internal interface IGanPixels
{
    /// <summary>Colour channels of the images.</summary>
    int Channels { get; }

    /// <summary>Normalized images to [N, Channels, 32, 32] in [−1, 1].</summary>
    Tensor ToGenerator(Tensor normalized);

    /// <summary>Generated [N, Channels, 32, 32] in [−1, 1] to the normalized form the feature classifier reads.</summary>
    Tensor ToClassifier(Tensor generated);
}
