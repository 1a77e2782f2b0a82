using AdaMomentumSharp.Experiments.Data;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// CIFAR-10 or CIFAR-100 with one of the authors' networks, on their recipe (<c>CNN_CIFAR/main.py</c>): batch 128,
/// 200 epochs, lr ×0.2 at 30 %, 60 % and 80 % of them, random crop with 4-pixel padding, horizontal flip and Cutout on
/// training batches, label smoothing 0.1 and L2 weight decay 5e-4 (<see cref="TaskRecipes.ImageClassification"/>).
/// The last 5,000 training images are held out for validation (the authors train on all 50,000).
/// </summary>
/// <param name="variant">Which data set, and so how many classes the network ends in.</param>
/// <param name="network">The network's name in the task's name: vgg16, resnet34 or densenet121.</param>
/// <param name="networkDescription">The network, for the task's description.</param>
/// <param name="createNetwork">Builds the network for a number of classes.</param>
internal sealed class CifarTask(CifarVariant variant, string network, string networkDescription, Func<int, nn.Module<Tensor, Tensor>> createNetwork)
    : SupervisedTask
{
    public const int ValidationImages = 5000;

    /// <summary>The data folder when --data is not given.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/cifar";

    /// <summary>The six CIFAR tasks: each data set with VGG-16-BN, ResNet-34 and DenseNet-121 (growth 32).</summary>
    public static IEnumerable<CifarTask> All { get; } =
    [
        .. new[] { CifarVariant.Cifar10, CifarVariant.Cifar100 }.SelectMany(v => new[]
        {
            new CifarTask(v, "vgg16", "VGG-16 with batch norm", classes => new Models.Vgg16Bn(classes)),
            new CifarTask(v, "resnet34", "ResNet-34", classes => new Models.ResNet34(classes)),
            new CifarTask(v, "densenet121", "DenseNet-121, growth 32", classes => new Models.DenseNet121(classes)),
        }),
    ];

    public CifarVariant Variant => variant;

    public override string Name => $"{variant.Name.Replace("-", "").ToLowerInvariant()}-{network}";

    public override string Description => $"{variant.Name}, {networkDescription}; crop, flip and Cutout";

    public override TaskRecipe Recipe => TaskRecipes.ImageClassification;

    public override string DefaultDataDirectory => DefaultDirectory;

    public override int DefaultEpochs => 200;

    public override int DefaultBatchSize => 128;

    public override string DefaultSchedule => "cifar-step";

    /// <exception cref="DataFileException">A CIFAR file is missing (the message names it and says how to install it) or malformed.</exception>
    protected override TaskData Load(TaskSettings settings, CancellationToken cancellation)
    {
        var (train, test) = Cifar.Load(settings.DataDirectory, variant);
        using (train)
        using (test)
        {
            var images = new ImageData((train.Images, train.Labels), (test.Images, test.Labels), Math.Min(ValidationImages, train.Count / 10), settings.TrainLimit);
            return new AugmentedImageData(images, AugmentationPolicy.Cifar(variant.Statistics));
        }
    }

    public override nn.Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings) => createNetwork(variant.Classes);
}
