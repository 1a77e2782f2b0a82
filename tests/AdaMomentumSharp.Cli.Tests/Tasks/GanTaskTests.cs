using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Evaluation;
using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Sweeps;
using AdaMomentumSharp.Experiments.Tasks;
using SkiaSharp;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// The GAN tasks train end to end through `compare` on test-written data in the official layouts, at a small width:
/// FID in metrics.csv and the report, one sample grid per run.
/// </summary>
public sealed class GanTaskTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void FashionDcgan_OneSmallEpoch_ReportsFidAndWritesSampleGrids()
    {
        SyntheticData.WriteFashionMnist(temp.Path, trainCount: 300, testCount: 40);
        string output = Path.Combine(temp.Path, "out");

        Assert.Equal(0, Compare("fashion-dcgan", output, "adamomentum,sgdm"));

        List<EpochMetrics> rows = CsvFile.Read<EpochMetrics>(Path.Combine(output, ComparisonResults.MetricsFileName));
        Assert.Equal(["adamomentum", "sgdm"], rows.Select(r => r.Optimizer));
        // Validation holds the last 30 of 300 training images (a tenth); FID compares as many generated ones.
        Assert.All(rows, r => Assert.True(r.ValMetric > 0 && double.IsFinite(r.ValMetric) && r.TestMetric > 0 && double.IsFinite(r.TestMetric)));
        Assert.Equal([2e-4, 0.02], rows.Select(r => r.Lr));
        string report = File.ReadAllText(Path.Combine(output, ReportBuilder.ReportFileName));
        Assert.Contains("test FID (in a Fashion-MNIST classifier's features)", report);
        foreach (string run in new[] { "adamomentum-lr0.0002-seed1", "sgdm-lr0.02-seed1" })
        {
            Assert.Contains($"![samples of {run}](samples/{run}.png)", report);
            AssertGrid(Path.Combine(output, SampleGrid.Folder, run + ".png"));
        }
    }

    [Fact]
    public void Cifar10Dcgan_OneSmallEpoch_OnOfficialBinaryFiles_ReportsFid()
    {
        SyntheticCifar.Write(temp.Path, CifarVariant.Cifar10, recordsPerFile: 40);
        string output = Path.Combine(temp.Path, "out");

        Assert.Equal(0, Compare("cifar10-dcgan", output, "adam"));

        EpochMetrics row = Assert.Single(CsvFile.Read<EpochMetrics>(Path.Combine(output, ComparisonResults.MetricsFileName)));
        Assert.True(row.TestMetric > 0 && double.IsFinite(row.TestMetric));
        Assert.Contains("CIFAR-10 classifier's features", File.ReadAllText(Path.Combine(output, ReportBuilder.ReportFileName)));
        AssertGrid(Path.Combine(output, SampleGrid.Folder, "adam-lr0.0002-seed1.png"));
    }

    /// <summary>96 images in batches of 64: the discriminator steps on the full batch only, as StudioGAN's loader drops the rest.</summary>
    [Fact]
    public void TrainEpoch_DropsTheLastPartialBatch()
    {
        SyntheticData.WriteFashionMnist(temp.Path, trainCount: 300, testCount: 40);
        Environment.SetEnvironmentVariable("ADAMOMENTUM_CACHE", Path.Combine(temp.Path, "cache"));
        ExperimentTask task = TaskRegistry.Get("fashion-dcgan");
        using TaskData data = task.LoadData(new TaskSettings(temp.Path, TrainLimit: 96, Hidden: 4));
        var settings = new ExperimentSettings(task.Name, Epochs: 1, BatchSize: 64, TrainLimit: 96, Layers: 1, Schedule: "none",
                                              task.Recipe.Defaults.WeightDecay, task.Recipe.Defaults.Eps, temp.Path, Hidden: 4);
        var progress = new CountingProgress();

        new Trainer(task, data, settings, progress).Run(Experiments.Optimizers.OptimizerCatalog.Get("adam"), 2e-4, seed: 1, CancellationToken.None);

        Assert.Equal(1, progress.Batches);
    }

    /// <summary>Four batches of 64: fashion-dcgan's generator steps after every discriminator step, cifar10-dcgan's after every second.</summary>
    [Theory]
    [InlineData("fashion-dcgan", 4)]
    [InlineData("cifar10-dcgan", 2)]
    public void TrainEpoch_StepsTheGeneratorAfterTheTasksDiscriminatorSteps(string name, long generatorSteps)
    {
        if (name == "cifar10-dcgan")
        {
            SyntheticCifar.Write(temp.Path, CifarVariant.Cifar10, recordsPerFile: 60);
        }
        else
        {
            SyntheticData.WriteFashionMnist(temp.Path, trainCount: 300, testCount: 40);
        }
        Environment.SetEnvironmentVariable("ADAMOMENTUM_CACHE", Path.Combine(temp.Path, "cache"));
        var task = (DcganTask)TaskRegistry.Get(name);
        var settings = new TaskSettings(temp.Path, TrainLimit: 256, Hidden: 4);
        using TaskData data = task.LoadData(settings);
        using TrainingRun run = task.CreateRun(data, settings, parameters => torch.optim.Adam(parameters, 2e-4));

        run.TrainEpoch(data.Batches(DataSplit.Train, 64, new Random(1)), _ => { }, CancellationToken.None);

        long Steps(string optimizer) =>
            ((TorchSharp.Modules.Adam.State)((TorchSharp.Modules.OptimizerHelper)run.Optimizers.Single(o => o.Name == optimizer).Optimizer).state_dict().State[0]).step;
        Assert.Equal((4L, generatorSteps), (Steps("discriminator-optimizer"), Steps("generator-optimizer")));
    }

    private sealed class CountingProgress : NullProgress
    {
        public int Batches { get; private set; }

        public override void BatchFinished(int epoch, double loss) => Batches++;
    }

    private int Compare(string task, string output, string optimizers)
    {
        Environment.SetEnvironmentVariable("ADAMOMENTUM_CACHE", Path.Combine(temp.Path, "cache"));
        return CliRunner.Run("compare", "--task", task, "--optimizers", optimizers, "--epochs", "1", "--train-limit", "64",
                             "--hidden", "4", "--data", temp.Path, "--out", output, "--quiet", "--threads", "1");
    }

    /// <summary>8 × 8 tiles of 32 × 32 pixels drawn 3 × 3 each, 2-pixel gaps: 8 · 98 + 2 = 786 square.</summary>
    private static void AssertGrid(string path)
    {
        using SKBitmap grid = SKBitmap.Decode(path);
        Assert.Equal((786, 786), (grid.Width, grid.Height));
        Assert.Equal(new SKColor(128, 128, 128), grid.GetPixel(0, 0));
    }
}
