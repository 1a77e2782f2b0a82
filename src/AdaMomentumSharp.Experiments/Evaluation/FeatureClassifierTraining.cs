namespace AdaMomentumSharp.Experiments.Evaluation;

/// <summary>How <see cref="FashionFeatureClassifier"/> trains: Adam at a fixed seed, so the same settings and data give the same weights.</summary>
/// <param name="Seed">Seeds the weights and the shuffling.</param>
/// <param name="Epochs">Passes over the training images.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="LearningRate">Adam's step size.</param>
internal sealed record FeatureClassifierTraining(int Seed = 0, int Epochs = 5, int BatchSize = 128, double LearningRate = 1e-3)
{
    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(LearningRate);
    }
}
