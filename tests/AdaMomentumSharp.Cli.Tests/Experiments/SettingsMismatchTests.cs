using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>A refused resume names each setting that differs, both values, and how to go on.</summary>
public sealed class SettingsMismatchTests
{
    private static readonly ExperimentSettings InFolder = new("fashion-cnn", Epochs: 10, BatchSize: 128, TrainLimit: null, Layers: 1,
                                                              Schedule: "step", WeightDecay: 5e-4, Eps: 1e-8, DataDirectory: "/data/fashion mnist");

    [Fact]
    public void Describe_OptionsThatDiffer_NamesEachWithBothValuesAndTheCommandToResume()
    {
        ExperimentSettings now = InFolder with { Epochs = 2, TrainLimit = 500, DataDirectory = "/elsewhere" };

        string message = SettingsMismatch.Describe("results/x", InFolder, now);

        Assert.Equal("results/x holds runs made with other settings: --epochs 10 there, 2 now; --train-limit all there, 500 now; " +
                     "--data /data/fashion mnist there, /elsewhere now. Use another --out folder to start afresh, or resume this one with " +
                     "--epochs 10 --train-limit 0 --data '/data/fashion mnist'.", message);
    }

    [Fact]
    public void Describe_ARecipeValueThatDiffers_SaysTheFolderCannotBeResumed()
    {
        ExperimentSettings now = InFolder with { WeightDecay = 0, BatchSize = 64 };

        string message = SettingsMismatch.Describe("results/x", InFolder, now);

        Assert.Equal("results/x holds runs made with other settings: --batch-size 128 there, 64 now; weight decay (the task's recipe) " +
                     "0.0005 there, 0 now. Use another --out folder to start afresh; this folder cannot be resumed, since this " +
                     "version's recipe for fashion-cnn sets weight decay otherwise.", message);
    }

    [Fact]
    public void Between_EqualSettings_FindsNoDifference() => Assert.Empty(SettingsMismatch.Between(InFolder, InFolder with { }));
}
