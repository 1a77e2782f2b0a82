using AdaMomentumSharp.Cli.Experiments;
using AdaMomentumSharp.Cli.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Every registered task trains: a few AdaMomentum steps on a tiny slice of generated data lower its loss.</summary>
public sealed class TaskTrainingTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    public static TheoryData<string> Tasks => new(TaskRegistry.All.Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Tasks))]
    public void FewSteps_OnATinySlice_LowerTheTrainingLoss(string name)
    {
        ExperimentTask task = TaskRegistry.Get(name);
        if (task.Kind == TaskKind.ImageClassification)
        {
            SyntheticData.WriteFashionMnist(temp.Path, trainCount: 200, testCount: 20);
        }
        else
        {
            SyntheticData.WriteFortunes(temp.Path);
        }
        var settings = new TaskSettings(temp.Path, TrainLimit: 32);
        using TaskData data = task.LoadData(settings);
        torch.manual_seed(3);
        using var model = task.CreateModel(data, settings);
        using var optimizer = new AdaMomentum(model.parameters(), lr: 3e-3);
        var (input, target) = data.Batches(DataSplit.Train, 32).First();

        double first = 0, last = 0;
        for (int step = 0; step < 30; step++)
        {
            optimizer.zero_grad();
            using Tensor loss = Trainer.Loss(model.call(input), target, task.LabelSmoothing);
            loss.backward();
            optimizer.step();
            (first, last) = (step == 0 ? loss.item<float>() : first, loss.item<float>());
        }

        Assert.True(last < 0.85 * first, $"{name}: loss went from {first} to {last}");
    }

    [Fact]
    public void Loss_WithLabelSmoothing_IsTheMixOfNllAndUniformCrossEntropy()
    {
        using Tensor logits = torch.tensor(new float[] { 2, 0, -1, 0.5f, 0.5f, 3 }, [2, 3]);
        using Tensor target = torch.tensor(new long[] { 0, 2 });

        double smoothed = Trainer.Loss(logits, target, 0.1).item<float>();

        double[][] rows = [[2, 0, -1], [0.5, 0.5, 3]];
        double expected = rows.Select((row, n) =>
        {
            double logSum = Math.Log(row.Sum(Math.Exp));
            double nll = logSum - row[n == 0 ? 0 : 2];
            double uniform = row.Average(x => logSum - x);
            return 0.9 * nll + 0.1 * uniform;
        }).Average();
        Assert.Equal(expected, smoothed, 1e-5);
    }
}
