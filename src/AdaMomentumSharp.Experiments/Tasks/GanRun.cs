using AdaMomentumSharp.Experiments.Evaluation;
using AdaMomentumSharp.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// A DCGAN trained as the authors' StudioGAN configs do: for every batch of real images, one discriminator step on
/// those images and as many generated ones; after every <c>discriminatorSteps</c> of those (the authors' 2 on CIFAR-10),
/// one generator step on a fresh batch of latent vectors; a last batch smaller than the others is dropped. Both networks
/// use the optimizer under comparison at the same learning rate. The training loss reported is the discriminator's.
/// </summary>
/// <remarks>
/// Latent vectors for training come from torch's default CPU generator, which checkpoints save, and are then moved to
/// the device (on a GPU too), so a resumed run draws what an uninterrupted one would. Evaluation and samples draw from their own fixed-seed generators: every epoch is
/// scored on the same latent vectors, and scoring changes nothing a later epoch reads.
/// </remarks>
internal sealed class GanRun : TrainingRun
{
    private const int EvaluationBatch = 500, SampleCount = 64, SampleSeed = 0;

    private readonly DcganGenerator generator;
    private readonly DcganDiscriminator discriminator;
    private readonly optim.Optimizer generatorOptimizer, discriminatorOptimizer;
    private readonly TaskRecipe recipe;
    private readonly GanData data;
    private readonly Device device;
    private readonly int discriminatorSteps;

    /// <summary>Moves both networks to <paramref name="device"/>, then builds an optimizer for each; takes ownership of the networks.</summary>
    /// <param name="discriminatorSteps">Discriminator steps per generator step.</param>
    public GanRun(DcganGenerator generator, DcganDiscriminator discriminator, OptimizerFactory createOptimizer, TaskRecipe recipe, GanData data, Device device,
                  int discriminatorSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(discriminatorSteps, 1);
        this.discriminatorSteps = discriminatorSteps;
        this.generator = generator.to(device);
        this.discriminator = discriminator.to(device);
        generatorOptimizer = createOptimizer(this.generator.parameters());
        discriminatorOptimizer = createOptimizer(this.discriminator.parameters());
        this.recipe = recipe;
        this.data = data;
        this.device = device;
    }

    public override IReadOnlyList<(string Name, nn.Module Module)> Modules => [("generator", generator), ("discriminator", discriminator)];

    public override IReadOnlyList<(string Name, optim.Optimizer Optimizer)> Optimizers =>
        [("generator-optimizer", generatorOptimizer), ("discriminator-optimizer", discriminatorOptimizer)];

    public override double TrainEpoch(IEnumerable<(Tensor Input, Tensor Target)> batches, Action<double> batchFinished, CancellationToken cancellation)
    {
        generator.train();
        discriminator.train();
        double lossSum = 0;
        long examples = 0;
        int stepsTaken = 0;
        long batchSize = 0;
        foreach (var (images, _) in batches)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            int count = (int)images.shape[0];
            batchSize = Math.Max(batchSize, count);
            if (count < batchSize)
            {
                // The last, partial batch is dropped, as StudioGAN's training loader does (drop_last).
                continue;
            }
            double loss = DiscriminatorStep(data.Pixels.ToGenerator(images).to(device));
            if (++stepsTaken % discriminatorSteps == 0)
            {
                GeneratorStep(count);
            }
            lossSum += loss * count;
            examples += count;
            batchFinished(loss);
        }
        return examples > 0 ? lossSum / examples : double.NaN;
    }

    /// <summary>
    /// The discriminator's loss on the split's real images and as many generated ones (mean over real plus mean over
    /// generated, as in training), and the recipe's FID between the generated images and the split in the feature
    /// classifier's features.
    /// </summary>
    public override (double Loss, double Metric) Evaluate(DataSplit split, CancellationToken cancellation)
    {
        generator.eval();
        discriminator.eval();
        using var noGrad = torch.no_grad();
        using var latent = new torch.Generator((ulong)split + 1);
        MetricAccumulator metric = recipe.Metric.Start();
        Tensor realFeatures = data.RealFeatures(split);
        double lossSum = 0, count = 0;
        foreach (var (images, _) in data.Batches(split, EvaluationBatch))
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = torch.NewDisposeScope();
            int n = (int)images.shape[0];
            Tensor fake = Generate(n, latent);
            Tensor real = data.Pixels.ToGenerator(images).to(device);
            lossSum += recipe.Loss.Compute(discriminator.call(real), Labels(n, 1), 0, nn.Reduction.Sum)
                .add(recipe.Loss.Compute(discriminator.call(fake), Labels(n, 0), 0, nn.Reduction.Sum), KeptScalars.One).item<float>();
            metric.Add(data.Classifier.Features(data.Pixels.ToClassifier(fake).cpu()), realFeatures.narrow(0, (long)count, n));
            count += n;
        }
        return (lossSum / count, metric.Value);
    }

    /// <summary>A grid of <see cref="SampleCount"/> images from fixed latent vectors: samples/&lt;run&gt;.png.</summary>
    public override void WriteArtifacts(string directory, string runKey)
    {
        generator.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        using var latent = new torch.Generator(SampleSeed);
        SampleGrid.Write(Path.Combine(directory, SampleGrid.Folder, runKey + ".png"), Generate(SampleCount, latent).cpu());
    }

    private double DiscriminatorStep(Tensor real)
    {
        int n = (int)real.shape[0];
        Tensor fake;
        using (torch.no_grad())
        {
            fake = generator.call(Latent(n));
        }
        discriminatorOptimizer.zero_grad();
        Tensor loss = recipe.Loss.Compute(discriminator.call(real), Labels(n, 1), 0)
            .add(recipe.Loss.Compute(discriminator.call(fake), Labels(n, 0), 0), KeptScalars.One);
        loss.backward();
        ClipGradients(discriminator, recipe.Defaults.GradientClipNorm);
        discriminatorOptimizer.step();
        return loss.item<float>();
    }

    private void GeneratorStep(int n)
    {
        generatorOptimizer.zero_grad();
        Tensor loss = recipe.Loss.Compute(discriminator.call(generator.call(Latent(n))), Labels(n, 1), 0);
        loss.backward();
        ClipGradients(generator, recipe.Defaults.GradientClipNorm);
        generatorOptimizer.step();
    }

    /// <summary>Training latent vectors, drawn from the CPU generator that checkpoints keep, on the run's device.</summary>
    private Tensor Latent(int n) => torch.randn(n, generator.Latent).to(device);

    private Tensor Generate(int n, torch.Generator latent) =>
        generator.call(torch.randn([n, generator.Latent], generator: latent).to(device));

    private Tensor Labels(int n, float value)
    {
        using Scalar label = value.ToScalar();
        return torch.full(n, label, device: device);
    }
}
