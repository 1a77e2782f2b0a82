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
        if (task is FashionMnistTask)
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
            using Tensor loss = task.Recipe.Loss.Compute(model.call(input), target, task.Recipe.Defaults.LabelSmoothing);
            loss.backward();
            optimizer.step();
            (first, last) = (step == 0 ? loss.item<float>() : first, loss.item<float>());
        }

        Assert.True(last < 0.85 * first, $"{name}: loss went from {first} to {last}");
    }
}
