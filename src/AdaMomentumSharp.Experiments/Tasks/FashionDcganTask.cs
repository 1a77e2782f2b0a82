using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Evaluation;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>The DCGAN on Fashion-MNIST, its 28×28 images padded to 32×32 (<see cref="FashionGanPixels"/>).</summary>
internal sealed class FashionDcganTask : DcganTask
{
    public override string Name => "fashion-dcgan";

    public override string Description => "DCGAN on Fashion-MNIST (padded to 32×32), FID in a Fashion-MNIST classifier's features";

    public override string DefaultDataDirectory => FashionMnist.DefaultDirectory;

    /// <summary>
    /// One discriminator step per generator step (ours; the authors' CIFAR-10 configs take 2). On Fashion-MNIST's plain
    /// images at the widths a CPU can train, two steps let the discriminator win within a few hundred generator steps
    /// (its loss near 0, FID rising again; docs/RESULTS.md), which leaves no GAN to compare optimizers on.
    /// </summary>
    public override int DiscriminatorSteps => 1;

    /// <summary>Training images per epoch by default: 100 discriminator and 100 generator steps.</summary>
    public override int? DefaultTrainLimit => 6400;

    protected override string FeatureSource => "Fashion-MNIST";

    protected override TaskData Load(TaskSettings settings, CancellationToken cancellation)
    {
        var (train, test) = FashionMnist.Load(settings.DataDirectory);
        // One conversion of the images serves the classifier (all of them) and the splits.
        var (trainImages, trainLabels) = ImageData.Tensors(train);
        var (testImages, testLabels) = ImageData.Tensors(test);
        using (trainImages)
        using (trainLabels)
        using (testImages)
        using (testLabels)
        {
            var data = new ImageData((trainImages, trainLabels), (testImages, testLabels), Math.Min(ValidationImages, train.Count / 10), settings.TrainLimit);
            return Build(trainImages, trainLabels, FashionMnist.Classes, data, FashionGanPixels.Instance, cancellation);
        }
    }
}
