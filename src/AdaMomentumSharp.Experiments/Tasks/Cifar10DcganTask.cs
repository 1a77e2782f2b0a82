using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Evaluation;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>The DCGAN on CIFAR-10 from its official binary files in --data, as the authors' GAN experiments.</summary>
internal sealed class Cifar10DcganTask : DcganTask
{
    public override string Name => "cifar10-dcgan";

    public override string Description => "DCGAN on CIFAR-10, FID in a CIFAR-10 classifier's features";

    public override string DefaultDataDirectory => CifarTask.DefaultDirectory;

    protected override string FeatureSource => "CIFAR-10";

    /// <exception cref="DataFileException">A CIFAR-10 file is missing (the message names it and says how to install it) or malformed.</exception>
    protected override TaskData Load(TaskSettings settings, CancellationToken cancellation)
    {
        var (train, test) = Cifar.Load(settings.DataDirectory, CifarVariant.Cifar10);
        using (train)
        using (test)
        {
            var data = new ImageData((train.Images, train.Labels), (test.Images, test.Labels), Math.Min(ValidationImages, train.Count / 10), settings.TrainLimit);
            return Build(train.Images, train.Labels, CifarVariant.Cifar10.Classes, data, new CifarGanPixels(CifarVariant.Cifar10.Statistics), cancellation);
        }
    }
}
