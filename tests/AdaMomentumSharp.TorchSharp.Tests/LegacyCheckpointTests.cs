using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.CheckpointCorruption;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>Checkpoints in TorchSharp's layout, which AdaMomentum wrote before checkpoints had versions, keep loading.</summary>
[Collection(CheckpointCorruptionCollection.Name)]
public sealed class LegacyCheckpointTests
{
    // Written by AdaMomentum before versioned checkpoints (commit cfd7a3b): groups [2, 3] float32 (lr 0.01,
    // weight_decay 0.001) and [4] float64 (lr 0.02, beta1 0.8, AMSGrad, decoupled weight_decay 0.01), eps 1e-8,
    // three steps. The values below are that optimizer's, read back from its tensors when the file was written.
    private static readonly string TorchSharpLayoutFile = Path.Combine(AppContext.BaseDirectory, "TestData", "legacy-torchsharp-layout.bin");

    // The file above loaded into LikeTheLegacyFile(), group 1 then set to lr 0.015, maximize, rectify, fixed_decay and
    // degenerated_to_sgd off, and saved in the versioned format by commit b24057d, before options were described in one table.
    private static readonly string VersionedFile = Path.Combine(AppContext.BaseDirectory, "TestData", "versioned-v1-b24057d.bin");

    private static readonly double[] ExpAvg0 =
        [0.10373741388320923, 0.09084585309028625, 0.08995086699724197, 0, -0.08955716341733932, 0.01781465858221054];

    private static readonly double[] ExpAvgSq0 =
    [
        1.3600448255601805E-05, 3.269947410444729E-05, 9.494001460552681E-06, 2.9970010473334696E-08, 1.6079920897027478E-05,
        2.2908227492735023E-06,
    ];

    private static readonly double[] ExpAvg1 = [-0.05312155238404939, -0.12493918965986889, 0.076078771607987, 0];

    private static readonly double[] ExpAvgSq1 = [1.7619881806167218E-05, 4.911331510460351E-05, 4.99667610170786E-05, 2.9970010000000006E-08];

    [Fact]
    public void Load_FileWrittenBeforeVersions_RestoresItsStepsMomentsAndOptions()
    {
        var (optimizer, _) = LikeTheLegacyFile();

        optimizer.load_state_dict(TorchSharpLayoutFile);

        AdaMomentum.State first = StateOf(optimizer, 0), second = StateOf(optimizer, 1);
        Assert.Equal((3L, 3L), (first.step, second.step));
        Assert.Equal(ExpAvg0, Values(first.exp_avg));
        Assert.Equal(ExpAvgSq0, Values(first.exp_avg_sq));
        Assert.Null(first.max_exp_avg_sq);
        Assert.Equal(ExpAvg1, Values(second.exp_avg));
        Assert.Equal(ExpAvgSq1, Values(second.exp_avg_sq));
        Assert.Equal(ExpAvgSq1, Values(second.max_exp_avg_sq!));
        Assert.Equal((ScalarType.Float32, ScalarType.Float64), (first.exp_avg.dtype, second.exp_avg.dtype));

        AdaMomentum.Options a = OptionsOf(optimizer, 0), b = OptionsOf(optimizer, 1);
        Assert.Equal((0.01, 0.01, 0.9, 0.999, 1e-8, 0.001), (a.InitialLearningRate, a.LearningRate, a.beta1, a.beta2, a.eps, a.weight_decay));
        Assert.Equal((0.02, 0.02, 0.8, 0.999, 1e-8, 0.01), (b.InitialLearningRate, b.LearningRate, b.beta1, b.beta2, b.eps, b.weight_decay));
        Assert.Equal([false, false, false, false, false, true], Flags(a));
        Assert.Equal([true, true, false, false, false, true], Flags(b));
    }

    [Fact]
    public void Load_VersionedFileWrittenBeforeTheOptionTable_RestoresItsStepsMomentsAndOptions()
    {
        var (optimizer, _) = LikeTheLegacyFile();

        optimizer.load_state_dict(VersionedFile);

        AdaMomentum.State first = StateOf(optimizer, 0), second = StateOf(optimizer, 1);
        Assert.Equal((3L, 3L), (first.step, second.step));
        Assert.Equal(ExpAvg0, Values(first.exp_avg));
        Assert.Equal(ExpAvgSq0, Values(first.exp_avg_sq));
        Assert.Equal(ExpAvgSq1, Values(second.max_exp_avg_sq!));
        AdaMomentum.Options a = OptionsOf(optimizer, 0), b = OptionsOf(optimizer, 1);
        Assert.Equal((0.01, 0.01, 0.9, 0.999, 1e-8, 0.001), (a.InitialLearningRate, a.LearningRate, a.beta1, a.beta2, a.eps, a.weight_decay));
        Assert.Equal((0.02, 0.015, 0.8, 0.999, 1e-8, 0.01), (b.InitialLearningRate, b.LearningRate, b.beta1, b.beta2, b.eps, b.weight_decay));
        Assert.Equal([false, false, false, false, false, true], Flags(a));
        Assert.Equal([true, true, true, true, true, false], Flags(b));
    }

    [Fact]
    public void Load_FileWrittenBeforeVersions_ThenSavedAgain_RoundTripsInTheVersionedFormat()
    {
        var (legacy, _) = LikeTheLegacyFile();
        legacy.load_state_dict(TorchSharpLayoutFile);
        var (resaved, _) = LikeTheLegacyFile();

        Load(resaved, Checkpoint(legacy));

        Assert.Equal(Checkpoint(legacy), Checkpoint(resaved));
        Assert.Equal(ExpAvgSq1, Values(StateOf(resaved, 1).max_exp_avg_sq!));
    }

    [Fact]
    public void Load_TorchSharpLayoutWrittenThroughTheBaseClass_RestoresTheState()
    {
        var (source, _) = LikeTheLegacyFile();
        source.load_state_dict(TorchSharpLayoutFile);
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            ((OptimizerHelper)source).save_state_dict(writer);
        }
        var (target, _) = LikeTheLegacyFile();

        Load(target, stream.ToArray());

        Assert.Equal(Checkpoint(source), Checkpoint(target));
    }

    [Fact]
    public void Load_FileWrittenBeforeVersions_AnyOneByteCorrupted_LoadsOrThrowsInvalidDataWithNothingChanged()
    {
        // That layout has no checksum, so damage to values passes; damage to its structure must be refused cleanly.
        byte[] bytes = File.ReadAllBytes(TorchSharpLayoutFile);
        var (target, parameters) = LikeTheLegacyFile();
        int refused = 0;

        for (int i = 0; i < bytes.Length; i++)
        {
            foreach (byte value in new[] { (byte)(bytes[i] ^ 0xFF), (byte)(bytes[i] + 1) })
            {
                byte[] corrupt = (byte[])bytes.Clone();
                corrupt[i] = value;
                refused += LoadsOrRefusesCleanly(target, parameters, corrupt, $"byte {i} = 0x{value:X2}") ? 1 : 0;
            }
        }

        Assert.True(refused > 0);
    }

    [Fact]
    public void Load_FileWrittenBeforeVersions_TruncatedAtAnyLength_ThrowsInvalidDataAndChangesNothing()
    {
        byte[] bytes = File.ReadAllBytes(TorchSharpLayoutFile);
        var (target, parameters) = LikeTheLegacyFile();
        Snapshot before = Snapshot.Of(target, parameters);

        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => Load(target, bytes[..length]));
            Snapshot.Of(target, parameters).AssertSame(before, $"cut at {length}");
        }
    }

    /// <summary>An optimizer shaped like the one that wrote the file, with other options and no steps.</summary>
    private static (AdaMomentum Optimizer, Parameter[] Parameters) LikeTheLegacyFile()
    {
        Parameter[] parameters = [Parameter(new Random(1), [2, 3], ScalarType.Float32), Parameter(new Random(2), [4], ScalarType.Float64)];
        var optimizer = new AdaMomentum([new AdaMomentum.ParamGroup(parameters[..1]), new AdaMomentum.ParamGroup(parameters[1..])],
                                        lr: 0.5, fixed_decay: true, degenerated_to_sgd: false);
        return (optimizer, parameters);
    }

    private static AdaMomentum.Options OptionsOf(AdaMomentum optimizer, int group) =>
        ((AdaMomentum.ParamGroup)optimizer.ParamGroups.ElementAt(group)).Options;

    private static bool?[] Flags(AdaMomentum.Options o) =>
        [o.decoupled_weight_decay, o.amsgrad, o.maximize, o.rectify, o.fixed_decay, o.degenerated_to_sgd];
}
