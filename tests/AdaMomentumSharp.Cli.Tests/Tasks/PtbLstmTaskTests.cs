using System.Globalization;
using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Models;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>ptb-lstm: Penn Treebank when the folder holds it, fortunes otherwise; state carried between windows; end to end.</summary>
public sealed class PtbLstmTaskTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private void WritePennTreebank()
    {
        string sentence = " the cat sat on the mat \n a dog ran N times \n";
        File.WriteAllText(temp.File("ptb.train.txt"), string.Concat(Enumerable.Repeat(sentence, 150)));
        File.WriteAllText(temp.File("ptb.valid.txt"), string.Concat(Enumerable.Repeat(sentence, 20)));
        File.WriteAllText(temp.File("ptb.test.txt"), string.Concat(Enumerable.Repeat(sentence, 10)));
    }

    [Fact]
    public void LoadData_ReadsPennTreebank_WhenTheFolderHoldsIt()
    {
        WritePennTreebank();
        SyntheticData.WriteFortunes(temp.Path);

        using var data = (WordData)TaskRegistry.Get("ptb-lstm").LoadData(new TaskSettings(temp.Path));

        Assert.Equal(11, data.Vocabulary.Count);
        Assert.Equal(150 * 13, data.Count(DataSplit.Train));
    }

    [Fact]
    public void Batches_AreTimeMajorWindows_InTwentyTenAndOneColumns_TrainingLimitedToOneWindowOfRows()
    {
        WritePennTreebank();
        using var data = (WordData)TaskRegistry.Get("ptb-lstm").LoadData(new TaskSettings(temp.Path, TrainLimit: 1));

        var train = data.Batches(DataSplit.Train, 20, new Random(1)).ToList();
        Assert.Equal(BpttBatches.SequenceLength, train.Sum(batch => batch.Input.shape[0]));
        Assert.All(train, batch => Assert.Equal((20, batch.Input.shape[0] * 20), (batch.Input.shape[1], batch.Target.shape[0])));
        Assert.Equal(10, data.Batches(DataSplit.Validation, 1000).First().Input.shape[1]);
        Assert.Equal(1, data.Batches(DataSplit.Test, 1000).First().Input.shape[1]);
    }

    [Fact]
    public void FortunesTestStream_IsReadInTheValidationsTenColumns()
    {
        SyntheticData.WriteFortunes(temp.Path);
        using var data = (WordData)TaskRegistry.Get("ptb-lstm").LoadData(new TaskSettings(temp.Path, TrainLimit: 1));

        var test = data.Batches(DataSplit.Test, 1000).ToList();
        Assert.All(test, batch => Assert.Equal(10, batch.Input.shape[1]));
        Assert.Equal(data.Count(DataSplit.Test) / 10 - 1, test.Sum(batch => batch.Input.shape[0]));
        Assert.Equal(test.Count, data.BatchCount(DataSplit.Test, 1000));
        Assert.Equal(1, data.BatchCount(DataSplit.Train, 20));
    }

    [Fact]
    public void StatefulModel_CarriesStateBetweenCalls_AndRestartsWhenTheColumnsChange()
    {
        torch.manual_seed(1);
        using var model = new StatefulLanguageModel(new AwdLstmLanguageModel(new AwdLstmOptions(Vocabulary: 7, Embedding: 8, Hidden: 8, Layers: 2)));
        model.eval();
        using var noGrad = torch.no_grad();
        using Tensor words = torch.tensor(new long[] { 1, 2, 3, 4, 5, 6 }, [3, 2]);

        using Tensor first = model.call(words);
        using Tensor carried = model.call(words);
        using Tensor other = model.call(words[.., ..1]);
        using Tensor restarted = model.call(words);

        Assert.False(first.allclose(carried));
        Assert.True(first.allclose(restarted));
        Assert.Equal([3, 7], other.shape);
    }

    [Fact]
    public void Compare_TrainsOneEpoch_OnTheFortunesWords_WithTwoLayers()
    {
        SyntheticData.WriteFortunes(temp.Path);
        string output = temp.File("run");

        Assert.Equal(0, CliRunner.Run(
            "compare", "--task", "ptb-lstm", "--optimizers", "adamomentum,sgdm", "--epochs", "1", "--layers", "2",
            "--data", temp.Path, "--out", output, "--quiet", "--threads", Math.Min(2, Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture)));

        List<EpochMetrics> rows = CsvFile.Read<EpochMetrics>(Path.Combine(output, "metrics.csv"));
        Assert.Equal(2, rows.Count);
        Assert.Equal(30, rows.Single(r => r.Optimizer == "sgdm").Lr);
        Assert.All(rows, r => Assert.True(double.IsFinite(r.TestMetric) && r.TestMetric > 1, $"{r.Optimizer}: test perplexity {r.TestMetric}"));
    }

    [Fact]
    public void PtbStep_IsTheDefault_AndDividesByTenAfterHalfAndSeventyTwoAndAHalfPercent()
    {
        const int epochs = 200;
        using var weight = new TorchSharp.Modules.Parameter(torch.zeros(1));
        using var optimizer = torch.optim.SGD([weight], 1.0);
        var scheduler = LrSchedule.Create(new PtbLstmTask().DefaultSchedule, optimizer, epochs)!;
        var lrs = new List<double>();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            lrs.Add(optimizer.ParamGroups.First().LearningRate);
            scheduler.step();
        }

        // The authors' epochs 100 and 145 of 200 (1-based, dropping before them): 0-based indices 100 and 145.
        Assert.Equal([100, 145], Enumerable.Range(1, epochs - 1).Where(e => lrs[e] < lrs[e - 1] * 0.999));
        Assert.Equal(0.01, lrs[^1], 1e-15);
    }

    [Theory]
    [InlineData(2, 32)]
    [InlineData(1, 48)]
    public void Hidden_SetsTheInnerWidth_AndCapsTheEmbeddingAt400(int layers, int hidden)
    {
        SyntheticData.WriteFortunes(temp.Path);
        var task = new PtbLstmTask();
        var settings = new TaskSettings(temp.Path, TrainLimit: 1, Layers: layers, Hidden: hidden);
        using TaskData data = task.LoadData(settings);

        using var model = task.CreateModel(data, settings);

        int vocabulary = ((WordData)data).Vocabulary.Count;
        Assert.Equal(ModelParameters.AwdLstm(vocabulary, embedding: hidden, hidden, layers), ModelParameters.Of(model));
    }

    [Fact]
    public void Compare_WithHiddenOnATaskWithoutAWidth_IsRefusedNamingTheOption()
    {
        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run(
            "compare", "--task", "fashion-cnn", "--hidden", "32", "--data", temp.Path, "--out", temp.File("refused")));

        Assert.Equal("--hidden 32: fashion-cnn's model has no width to choose; leave --hidden out.", e.Message);
        Assert.False(Directory.Exists(temp.File("refused")));
    }

    [Fact]
    public void Compare_OnCudaWithoutACudaBackend_IsRefusedBeforeAnyWork()
    {
        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run(
            "compare", "--task", "fashion-mlp", "--device", "cuda", "--data", temp.Path, "--out", temp.File("cuda")));

        Assert.StartsWith("--device cuda: TorchSharp finds no CUDA device.", e.Message);
        Assert.False(Directory.Exists(temp.File("cuda")));
    }
}
