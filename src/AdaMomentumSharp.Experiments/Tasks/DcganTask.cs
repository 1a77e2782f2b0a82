using AdaMomentumSharp.Experiments.Evaluation;
using AdaMomentumSharp.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// An unconditional DCGAN (<see cref="DcganGenerator"/>, <see cref="DcganDiscriminator"/>) on the authors' recipe
/// (StudioGAN's <c>DCGAN_*.yaml</c>): batch 64, lr 2e-4 for both networks, β (0.5, 0.999), eps 1e-8,
/// <see cref="DiscriminatorSteps"/> discriminator steps per generator step (<see cref="GanRun"/>), latent size 128, scored by FID against the validation and test images in the
/// features of a classifier of the same data set, trained once and cached (<see cref="FeatureClassifier"/>). An epoch
/// is one pass over the training images.
/// </summary>
internal abstract class DcganTask : ExperimentTask
{
    public const int ValidationImages = 5000;

    private TaskRecipe? recipe;

    /// <summary>The data set whose classifier scores the images, as the report names it.</summary>
    protected abstract string FeatureSource { get; }

    public override TaskRecipe Recipe => recipe ??= TaskRecipes.Gan(FeatureSource);

    public override HiddenWidth Hidden { get; } =
        new(DcganGenerator.DefaultWidth, "base channels w: the discriminator's blocks have w, 2w, 4w, 8w, the generator's the reverse");

    public override string LoadingNote =>
        $"; the first time for these images, this trains the feature classifier for FID (minutes), cached in {FeatureCache.Directory}";

    public override int DefaultEpochs => 5;

    public override int DefaultBatchSize => 64;

    public override string DefaultSchedule => "none";

    /// <summary>Discriminator steps per generator step: the authors' 2 unless a data set needs otherwise.</summary>
    public virtual int DiscriminatorSteps => 2;

    public override TrainingRun CreateRun(TaskData data, TaskSettings settings, OptimizerFactory createOptimizer)
    {
        var gan = (GanData)data;
        int width = settings.Hidden ?? Hidden.Default;
        return new GanRun(new DcganGenerator(gan.Pixels.Channels, width: width), new DcganDiscriminator(gan.Pixels.Channels, width),
                          createOptimizer, Recipe, gan, torch.device(settings.Device), DiscriminatorSteps);
    }

    /// <summary>The data with a feature classifier trained (or loaded from the cache) on every training image, whatever the train limit.</summary>
    /// <exception cref="OperationCanceledException">Cancelled while the classifier trained; <paramref name="images"/> is disposed.</exception>
    protected static GanData Build(Tensor trainImages, Tensor trainLabels, int classes, ImageData images, IGanPixels pixels, CancellationToken cancellation)
    {
        try
        {
            return new(images, FeatureClassifier.LoadOrTrain(FeatureCache.Directory, trainImages, trainLabels, classes, new FeatureClassifierTraining(), cancellation), pixels);
        }
        catch
        {
            images.Dispose();
            throw;
        }
    }
}
