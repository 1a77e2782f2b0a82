using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>The Fashion-MNIST tasks' shared data pipeline: 55,000 training, 5,000 validation and 10,000 test images.</summary>
internal abstract class FashionMnistTask : SupervisedTask
{
    public const int ValidationImages = 5000;

    public override TaskRecipe Recipe => TaskRecipes.ImageClassification;

    public override string DefaultDataDirectory => FashionMnist.DefaultDirectory;

    public override int DefaultBatchSize => 128;

    protected override TaskData Load(TaskSettings settings, CancellationToken cancellation)
    {
        var (train, test) = FashionMnist.Load(settings.DataDirectory);
        return new ImageData(train, test, Math.Min(ValidationImages, train.Count / 10), settings.TrainLimit);
    }
}
