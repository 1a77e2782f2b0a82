using AdaMomentumSharp.Experiments.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// One matrix over every optimizer in the catalogue, as kozistr/pytorch-optimizer's tests run over its registry:
/// checkpoint round trip and scheduler for all; bad hyperparameters and corrupt checkpoints for the TorchSharp package's
/// baselines as the catalogue builds them (AdaMomentum's own tests cover it; TorchSharp's optimizers are TorchSharp's).
/// </summary>
public sealed class OptimizerMatrixTests
{
    private const double Lr = 0.01;

    public static TheoryData<string> Everyone => new(OptimizerCatalog.Names);

    public static TheoryData<string> HandWritten => new(OptimizerCatalog.All.Where(IsHandWritten).Select(s => s.Name));

    public static TheoryData<string, string, double> HandWrittenWithBadSettings
    {
        get
        {
            var data = new TheoryData<string, string, double>();
            foreach (OptimizerSpec spec in OptimizerCatalog.All.Where(IsHandWritten))
            {
                data.Add(spec.Name, "lr", -1);
                data.Add(spec.Name, "lr", double.NaN);
                data.Add(spec.Name, "eps", -1e-8);
                data.Add(spec.Name, "weight_decay", double.PositiveInfinity);
            }
            return data;
        }
    }

    [Fact]
    public void TheMatrix_CoversTheHandWrittenBaselines()
    {
        Assert.Equal(["radam", "adabelief", "yogi", "adabound"], OptimizerCatalog.All.Where(IsHandWritten).Select(s => s.Name));
    }

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void TheBaselines_AreThePackagesOptimizers_LettingNonFiniteGradientsThrough_WithRAdamsDecayAsL2(string name)
    {
        using var optimizer = (OptimizerHelper)Create(name, NewParameters(ScalarType.Float32));

        Assert.Equal(NonFiniteGradients.Ignore, ((IAdaptiveOptimizer)optimizer).NonFiniteGradients);
        Assert.Equal(name == "radam", OptionsOf(optimizer).Table.Any(o => o.Name == "decoupled_weight_decay" && OptionsOf(optimizer)[o.Name] == 0));
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public void Checkpoint_SavedMidTraining_ContinuesBitIdenticallyInAFreshOptimizer(string name)
    {
        Parameter[] straight = NewParameters(ScalarType.Float32);
        using (var uninterrupted = Create(name, straight))
        {
            Train(uninterrupted, straight, 1, 6);
        }
        Parameter[] first = NewParameters(ScalarType.Float32);
        byte[] checkpoint;
        using (var interrupted = Create(name, first))
        {
            Train(interrupted, first, 1, 3);
            checkpoint = Save(interrupted);
        }

        Parameter[] resumed = [.. first.Select(p => new Parameter(p.detach().clone()))];
        using var fresh = Create(name, resumed);
        Load(fresh, checkpoint);
        Train(fresh, resumed, 4, 6);

        for (int i = 0; i < straight.Length; i++)
        {
            Assert.True(Same(straight[i], resumed[i]), $"{name}: parameter {i} differs from the uninterrupted run");
        }
        Assert.False(Same(first[0], straight[0]), "the last three steps should have moved the parameters");
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public void StepLR_ScalesTheNextUpdateByItsGamma(string name)
    {
        Parameter[] scheduled = NewParameters(ScalarType.Float64), constant = NewParameters(ScalarType.Float64);
        using var withScheduler = Create(name, scheduled, weightDecay: 0);
        using var without = Create(name, constant, weightDecay: 0);
        var scheduler = torch.optim.lr_scheduler.StepLR(withScheduler, step_size: 1, gamma: 0.1);
        Train(withScheduler, scheduled, 1, 1);
        Train(without, constant, 1, 1);

        scheduler.step();
        using Tensor before = scheduled[0].detach().clone();
        Train(withScheduler, scheduled, 2, 2);
        Train(without, constant, 2, 2);

        Assert.Equal(0.1 * Lr, withScheduler.ParamGroups.First().LearningRate, 1e-15);
        using Tensor reduced = scheduled[0] - before, full = constant[0] - before;
        Assert.True(full.abs().min().item<double>() > 1e-6, $"{name}: the unscheduled step should move every element");
        double worst = (reduced - 0.1 * full).abs().max().item<double>() / full.abs().max().item<double>();
        Assert.True(worst < 1e-9, $"{name}: the step after StepLR is not 0.1 of the full one (relative error {worst:G3})");
    }

    [Theory]
    [MemberData(nameof(HandWrittenWithBadSettings))]
    public void Create_WithAnInvalidHyperparameter_ThrowsNamingIt(string name, string hyperparameter, double value)
    {
        var settings = new OptimizerSettings(Lr, 0, 1e-8, 1);
        settings = hyperparameter switch
        {
            "lr" => settings with { Lr = value },
            "eps" => settings with { Eps = value },
            _ => settings with { WeightDecay = value },
        };

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => OptimizerCatalog.Get(name).Create(NewParameters(ScalarType.Float32), settings));

        Assert.Equal(hyperparameter, e.ParamName);
    }

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void InvalidGroupOrLr_ThrowNamingIt_AndChangeNeitherStateNorParameters(string name)
    {
        Parameter[] parameters = NewParameters(ScalarType.Float32);
        using var optimizer = (OptimizerHelper)Create(name, parameters);
        Train(optimizer, parameters, 1, 2);
        byte[] before = Save(optimizer);
        Tensor[] values = [.. parameters.Select(p => p.detach().clone())];

        var options = (AdaptiveOptions)Activator.CreateInstance(OptionsOf(optimizer).GetType())!;
        options["beta1"] = 1.5;
        var group = new TorchSharp.Modules.ParamGroup { Parameters = [new Parameter(torch.ones(3))], Options = options };
        Assert.Equal("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.add_param_group(group)).ParamName);
        optimizer.ParamGroups.First().LearningRate = -Lr;
        Assert.Equal("lr", Assert.Throws<ArgumentOutOfRangeException>(() => Train(optimizer, parameters, 3, 3)).ParamName);

        optimizer.ParamGroups.First().LearningRate = Lr;
        Assert.Equal(before, Save(optimizer));
        Assert.All(parameters.Zip(values), pair => Assert.True(Same(pair.First, pair.Second)));
    }

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void TruncatedCheckpoint_AtEveryLength_ThrowsAndChangesNothing(string name)
    {
        byte[] checkpoint = TrainedCheckpoint(name, NewParameters(ScalarType.Float32));
        Parameter[] parameters = NewParameters(ScalarType.Float32);
        using var target = Create(name, parameters);
        Train(target, parameters, 1, 1);
        byte[] before = Save(target);

        for (int length = 0; length < checkpoint.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => Load(target, checkpoint[..length]));
        }

        Assert.Equal(before, Save(target));
        Load(target, checkpoint);
        Assert.Equal(checkpoint, Save(target));
    }

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void CheckpointWithAnOutOfRangeHyperparameter_ThrowsNamingIt_AndChangesNothing(string name)
    {
        Parameter[] source = NewParameters(ScalarType.Float32);
        using var corrupt = (OptimizerHelper)Create(name, source);
        Train(corrupt, source, 1, 3);
        OptionsOf(corrupt)["beta2"] = 1.5;
        byte[] checkpoint = Save(corrupt);
        Parameter[] parameters = NewParameters(ScalarType.Float32);
        using var target = Create(name, parameters);
        byte[] before = Save(target);

        var e = Assert.Throws<InvalidDataException>(() => Load(target, checkpoint));

        Assert.Contains("beta2", e.Message);
        Assert.Equal(before, Save(target));
    }

    [Theory]
    [MemberData(nameof(HandWritten))]
    public void CheckpointOfOtherParametersOrAnotherOptimizer_ThrowsAndChangesNothing(string name)
    {
        Parameter[] reshaped = [new Parameter(torch.ones(4, 3)), new Parameter(torch.ones(5))];
        byte[] otherShapes = TrainedCheckpoint(name, reshaped);
        byte[] otherOptimizer = TrainedCheckpoint(name == "yogi" ? "adabelief" : "yogi", NewParameters(ScalarType.Float32));
        Parameter[] parameters = NewParameters(ScalarType.Float32);
        using var target = Create(name, parameters);
        Train(target, parameters, 1, 1);
        byte[] before = Save(target);

        Assert.Contains("[4, 3]", Assert.Throws<InvalidDataException>(() => Load(target, otherShapes)).Message);
        Assert.Contains("optimizer", Assert.Throws<InvalidDataException>(() => Load(target, otherOptimizer)).Message);

        Assert.Equal(before, Save(target));
    }

    private static bool IsHandWritten(OptimizerSpec spec)
    {
        using var optimizer = spec.Create([new Parameter(torch.zeros(1))], new OptimizerSettings(Lr, 0, 1e-8, 1));
        return optimizer is IAdaptiveOptimizer and not AdaMomentum;
    }

    private static AdaptiveOptions OptionsOf(OptimizerHelper optimizer) =>
        (AdaptiveOptions)((TorchSharp.Modules.ParamGroup)optimizer.ParamGroups.First()).Options;

    private static torch.optim.Optimizer Create(string name, Parameter[] parameters, double weightDecay = 1e-3) =>
        OptimizerCatalog.Get(name).Create(parameters, new OptimizerSettings(Lr, weightDecay, 1e-8, Threads: 1));

    /// <summary>Two parameters (a matrix and a vector) with fixed, varied values.</summary>
    private static Parameter[] NewParameters(ScalarType dtype) =>
    [
        new Parameter(torch.arange(12, dtype: dtype).reshape(3, 4).mul(0.37).sin()),
        new Parameter(torch.arange(5, dtype: dtype).mul(-0.91).cos()),
    ];

    /// <summary>Steps <paramref name="from"/> to <paramref name="to"/> with gradients that depend on the parameters and the step.</summary>
    private static void Train(torch.optim.Optimizer optimizer, Parameter[] parameters, int from, int to)
    {
        for (int t = from; t <= to; t++)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i].grad = parameters[i].detach().mul(3).add(t).sin().mul(i + 1);
            }
            optimizer.step();
        }
    }

    private static byte[] TrainedCheckpoint(string name, Parameter[] parameters)
    {
        using var optimizer = Create(name, parameters);
        Train(optimizer, parameters, 1, 3);
        return Save(optimizer);
    }

    private static byte[] Save(torch.optim.Optimizer optimizer)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            ((OptimizerHelper)optimizer).save_state_dict(writer);
        }
        return stream.ToArray();
    }

    /// <summary>Loads through the optimizer's own loader: the TorchSharp package's optimizers hide TorchSharp's in-place one.</summary>
    private static void Load(torch.optim.Optimizer optimizer, byte[] checkpoint)
    {
        using var reader = new BinaryReader(new MemoryStream(checkpoint));
        if (optimizer is IAdaptiveOptimizer family)
        {
            family.load_state_dict(reader);
        }
        else
        {
            ((OptimizerHelper)optimizer).load_state_dict(reader);
        }
    }

    private static bool Same(Tensor a, Tensor b) => a.eq(b).all().item<bool>();
}
