using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>The six CIFAR tasks: registration and recipe, augmented training batches only, the authors' schedule, end to end.</summary>
public sealed class CifarTaskTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string, int, long> Tasks => new()
    {
        { "cifar10-vgg16", 10, 15_253_578 },
        { "cifar10-resnet34", 10, 21_282_122 },
        { "cifar10-densenet121", 10, 6_956_298 },
        { "cifar100-vgg16", 100, 15_299_748 },
        { "cifar100-resnet34", 100, 21_328_292 },
        { "cifar100-densenet121", 100, 7_048_548 },
    };

    [Theory]
    [MemberData(nameof(Tasks))]
    public void Task_IsRegisteredWithTheAuthorsRecipe(string name, int classes, long parameters)
    {
        var task = Assert.IsType<CifarTask>(TaskRegistry.Get(name));

        Assert.Equal(classes, task.Variant.Classes);
        Assert.Equal((128, 200, "cifar-step"), (task.DefaultBatchSize, task.DefaultEpochs, task.DefaultSchedule));
        Assert.Equal(new TrainingDefaults(WeightDecay: 5e-4, Eps: 1e-8, LabelSmoothing: 0.1, GradientClipNorm: 0), task.Recipe.Defaults);
        using var model = task.CreateModel(null!, new TaskSettings(temp.Path));
        Assert.Equal(parameters, ModelParameters.Of(model));
    }

    [Theory]
    [InlineData(200, new[] { 60, 120, 160 })]
    [InlineData(10, new[] { 3, 6, 8 })]
    [InlineData(7, new[] { 3, 5, 6 })]
    public void CifarStep_MultipliesByOneFifthAfterThirtySixtyAndEightyPercent(int epochs, int[] lastEpochsBeforeADrop)
    {
        using var weight = new TorchSharp.Modules.Parameter(torch.zeros(1));
        using var optimizer = torch.optim.SGD([weight], 1.0);
        var scheduler = LrSchedule.Create("cifar-step", optimizer, epochs)!;
        var lrs = new List<double>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            lrs.Add(optimizer.ParamGroups.First().LearningRate);
            scheduler.step();
        }

        int[] drops = Enumerable.Range(1, epochs - 1).Where(e => lrs[e] < lrs[e - 1] * 0.999).ToArray();
        Assert.Equal(lastEpochsBeforeADrop, drops);
        Assert.Equal(0.2 * 0.2 * 0.2, lrs[^1], 1e-12);
        Assert.All(drops, e => Assert.Equal(0.2, lrs[e] / lrs[e - 1], 1e-12));
    }

    [Fact]
    public void TrainingBatches_AreAugmented_EvaluationBatchesAreNot()
    {
        SyntheticCifar.Write(temp.Path, CifarVariant.Cifar10, recordsPerFile: 10);
        var (train, test) = Cifar.Load(temp.Path, CifarVariant.Cifar10);
        using (train)
        using (test)
        using (var data = (AugmentedImageData)TaskRegistry.Get("cifar10-resnet34").LoadData(new TaskSettings(temp.Path, TrainLimit: 20)))
        {
            Assert.Equal((20, 5, 10), (data.Count(DataSplit.Train), data.Count(DataSplit.Validation), data.Count(DataSplit.Test)));
            var (testImages, _) = data.Batches(DataSplit.Test, 100).Single();
            Assert.True(Same(testImages, test.Images));
            var (validationImages, _) = data.Batches(DataSplit.Validation, 100).Single();
            Assert.True(Same(validationImages, train.Images.narrow(0, 45, 5)));

            var (augmented, _) = data.Batches(DataSplit.Train, 100, new Random(1)).Single();
            Assert.Equal(train.Images.narrow(0, 0, 20).shape, augmented.shape);
            int unchanged = Enumerable.Range(0, 20).Count(i => Enumerable.Range(0, 20).Any(j => Same(augmented[i], train.Images[j])));
            Assert.True(unchanged < 5, $"{unchanged} of 20 training images came out unaugmented");

            var (again, _) = data.Batches(DataSplit.Train, 100, new Random(1)).Single();
            Assert.True(Same(again, augmented));
        }
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.equal(b).all().item<bool>();

    [Fact]
    public void DataFolderWithoutTheFiles_NamesTheFileAndHowToInstallIt_BeforeAnythingTrains()
    {
        string output = temp.File("run");
        string empty = Directory.CreateDirectory(temp.File("empty")).FullName;

        var e = Assert.Throws<DataFileException>(() => CliRunner.Run(
            "compare", "--task", "cifar100-vgg16", "--data", empty, "--out", output, "--quiet", "--threads", "1"));

        Assert.Contains("train.bin", e.Message);
        Assert.Contains("cifar-100-binary.tar.gz", e.Message);
        Assert.False(File.Exists(Path.Combine(output, "metrics.csv")));
    }

    public static TheoryData<string> Names => new(CifarTask.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void Compare_TrainsOneSmallEpoch(string name)
    {
        SyntheticCifar.Write(temp.Path, name.StartsWith("cifar100") ? CifarVariant.Cifar100 : CifarVariant.Cifar10, recordsPerFile: 10);
        string output = temp.File("run");

        Assert.Equal(0, CliRunner.Run(
            "compare", "--task", name, "--optimizers", "adamomentum", "--epochs", "1", "--train-limit", "8", "--batch-size", "4",
            "--data", temp.Path, "--out", output, "--quiet", "--threads", "2"));

        List<EpochMetrics> rows = CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv"));
        var row = Assert.Single(rows);
        Assert.Equal((name, 1e-3), (row.Task, row.Lr));
        Assert.True(double.IsFinite(row.TrainLoss) && double.IsFinite(row.TestLoss), $"{name}: losses {row.TrainLoss}, {row.TestLoss}");
    }
}
