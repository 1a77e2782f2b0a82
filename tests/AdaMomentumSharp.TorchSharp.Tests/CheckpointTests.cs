using AdaMomentumSharp.Files;
using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.TorchSharp.Tests;

public sealed class CheckpointTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("adamomentum-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SaveMidTraining_LoadIntoFreshModelAndOptimizer_ContinuesOnTheSameTrajectoryBitForBit(bool amsGrad)
    {
        var (x, y) = TrainingTests.XorData(128, seed: 11);
        var model = TrainingTests.Mlp(seed: 12);
        var groups = GroupsOf(model);
        using var optimizer = new AdaMomentum(groups, lr: 0.01, amsgrad: amsGrad, weight_decay: 1e-3);
        Train(model, optimizer, x, y, 5);

        string modelPath = Path.Combine(directory, "model.bin"), optimizerPath = Path.Combine(directory, "optimizer.bin");
        model.save(modelPath);
        optimizer.save_state_dict(optimizerPath);

        var resumedModel = TrainingTests.Mlp(seed: 99);
        resumedModel.load(modelPath);
        using var resumed = new AdaMomentum(GroupsOf(resumedModel), amsgrad: amsGrad);
        resumed.load_state_dict(optimizerPath);

        Train(model, optimizer, x, y, 7);
        Train(resumedModel, resumed, x, y, 7);

        Assert.Equal(Checkpoint(optimizer), Checkpoint(resumed));
        foreach (var (a, b) in model.parameters().Zip(resumedModel.parameters()))
        {
            Assert.Equal(Values(a), Values(b));
        }
        Assert.Equal(0.02, ((AdaMomentum.ParamGroup)resumed.ParamGroups.Last()).LearningRate);
    }

    [Fact]
    public void LoadIntoAnOptimizerThatAlreadyStepped_StepsOnTheLoadedMoments()
    {
        Parameter saved = Parameter(new Random(1), [64, 8], ScalarType.Float32);
        using var source = Stepped(saved);
        string path = Path.Combine(directory, "moments.bin");
        source.save_state_dict(path);
        Parameter warm = Parameter(new Random(2), [64, 8], ScalarType.Float32), cold = new(warm.detach().clone());
        using var warmOptimizer = Stepped(warm);
        using var coldOptimizer = new AdaMomentum([cold]);
        warm.grad = torch.ones_like(warm);
        warmOptimizer.step();

        warmOptimizer.load_state_dict(path);
        coldOptimizer.load_state_dict(path);
        using (torch.no_grad())
        {
            cold.copy_(warm);
        }
        foreach (var (p, optimizer) in new[] { (warm, warmOptimizer), (cold, coldOptimizer) })
        {
            p.grad = torch.full_like(p, 0.5);
            optimizer.step();
        }

        Assert.Equal(Checkpoint(coldOptimizer), Checkpoint(warmOptimizer));
        Assert.Equal(Values(cold), Values(warm));
    }

    [Fact]
    public void Load_CheckpointOfTorchSharpAdam_ThrowsNamingItAndChangesNothing()
    {
        Parameter p = Parameter(new Random(1), [3, 4], ScalarType.Float32);
        using var adam = torch.optim.Adam([p]);
        string path = Path.Combine(directory, "adam.bin");
        adam.save_state_dict(path);
        using var ours = Stepped(p);
        byte[] before = Checkpoint(ours);

        var e = Assert.Throws<InvalidDataException>(() => ours.load_state_dict(path));

        Assert.Contains("'Adam'", e.Message);
        Assert.Equal(before, Checkpoint(ours));
    }

    [Fact]
    public void Load_CheckpointWithOtherShapes_ThrowsNamingTheParameterAndChangesNothing()
    {
        using var other = Stepped(Parameter(new Random(1), [4, 3], ScalarType.Float32));
        string path = Path.Combine(directory, "other.bin");
        other.save_state_dict(path);
        using var ours = Stepped(Parameter(new Random(2), [3, 4], ScalarType.Float32));
        byte[] before = Checkpoint(ours);

        var e = Assert.Throws<InvalidDataException>(() => ours.load_state_dict(path));

        Assert.Contains("Parameter 0", e.Message);
        Assert.Contains("[4, 3]", e.Message);
        Assert.Equal(before, Checkpoint(ours));
    }

    [Fact]
    public void Load_TruncatedCheckpoint_ThrowsAndChangesNothing()
    {
        using var saved = Stepped(Parameter(new Random(1), [30], ScalarType.Float64), amsgrad: true);
        byte[] bytes = Checkpoint(saved);
        using var ours = Stepped(Parameter(new Random(2), [30], ScalarType.Float64), amsgrad: true);
        byte[] before = Checkpoint(ours);

        foreach (int cut in new[] { 0, 5, 13, 40, 90, bytes.Length / 2, bytes.Length - 1 })
        {
            File.WriteAllBytes(Path.Combine(directory, "cut.bin"), bytes[..cut]);
            Assert.Throws<InvalidDataException>(() => ours.load_state_dict(Path.Combine(directory, "cut.bin")));
        }
        Assert.Equal(before, Checkpoint(ours));
    }

    [Fact]
    public void LoadStateDictionary_FromAnotherOptimizer_ThrowsAndChangesNothing()
    {
        Parameter p = Parameter(new Random(1), [5], ScalarType.Float32);
        using var adam = torch.optim.Adam([p]);
        using var ours = Stepped(p);
        byte[] before = Checkpoint(ours);

        var e = Assert.Throws<ArgumentException>(() => ours.load_state_dict(adam.state_dict()));

        Assert.Contains("AdaMomentum", e.Message);
        Assert.Equal(before, Checkpoint(ours));
    }

    [Fact]
    public void LoadStateDictionary_FromAnotherAdaMomentum_CopiesOptionsAndState()
    {
        using var source = Stepped(Parameter(new Random(1), [5], ScalarType.Float32));
        using var target = new AdaMomentum([Parameter(new Random(2), [5], ScalarType.Float32)], lr: 0.5);

        target.load_state_dict(source.state_dict());

        Assert.Equal(Checkpoint(source), Checkpoint(target));
    }

    [Fact]
    public void LoadStateDictionary_WithTheSameShapesGroupedOtherwise_ThrowsNamingTheGroupAndChangesNothing()
    {
        Parameter[] saved = [.. Enumerable.Range(1, 3).Select(seed => Parameter(new Random(seed), [4], ScalarType.Float32))];
        using var source = new AdaMomentum([new AdaMomentum.ParamGroup(saved[..2], lr: 0.1), new AdaMomentum.ParamGroup(saved[2..], lr: 0.2)]);
        Array.ForEach(saved, p => p.grad = torch.ones_like(p));
        source.step();
        Parameter[] ours = [.. Enumerable.Range(4, 3).Select(seed => Parameter(new Random(seed), [4], ScalarType.Float32))];
        using var target = new AdaMomentum([new AdaMomentum.ParamGroup(ours[..1], lr: 0.3), new AdaMomentum.ParamGroup(ours[1..], lr: 0.4)]);
        byte[] before = Checkpoint(target);

        var e = Assert.Throws<ArgumentException>(() => target.load_state_dict(source.state_dict()));

        Assert.StartsWith("Group 0 of the state dictionary has 2 parameters; this optimizer's group 0 has 1.", e.Message);
        Assert.Equal("state_dict", e.ParamName);
        Assert.Equal(before, Checkpoint(target));
    }

    [Fact]
    public void SaveStateDict_OverExistingFile_LeavesNoTemporaryFilesBehind()
    {
        using var optimizer = Stepped(Parameter(new Random(1), [5], ScalarType.Float32));
        string path = Path.Combine(directory, "optimizer.bin");
        File.WriteAllText(path, "an older checkpoint");

        optimizer.save_state_dict(path);

        Assert.Equal(Checkpoint(optimizer), File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(directory));
    }

    private static AdaMomentum Stepped(Parameter p, bool amsgrad = false)
    {
        var optimizer = new AdaMomentum([p], amsgrad: amsgrad);
        p.grad = torch.ones_like(p);
        optimizer.step();
        return optimizer;
    }

    private static AdaMomentum.ParamGroup[] GroupsOf(Module<Tensor, Tensor> model)
    {
        Parameter[] all = model.parameters().ToArray();
        return [new AdaMomentum.ParamGroup(all[..2]), new AdaMomentum.ParamGroup(all[2..], lr: 0.02)];
    }

    private static void Train(Module<Tensor, Tensor> model, AdaMomentum optimizer, Tensor x, Tensor y, int steps)
    {
        var lossFunction = CrossEntropyLoss();
        for (int i = 0; i < steps; i++)
        {
            optimizer.zero_grad();
            lossFunction.call(model.call(x), y).backward();
            optimizer.step();
        }
    }
}
