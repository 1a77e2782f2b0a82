using AdaMomentumSharp.Cli.Data;
using AdaMomentumSharp.Cli.Evaluation;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class FashionFeatureClassifierTests : IDisposable
{
    private static readonly FeatureClassifierTraining Tiny = new(Seed: 3, Epochs: 1, BatchSize: 32);

    private readonly TempDirectory temp = new();
    private readonly LabeledImages all;
    private readonly LabeledImages train;
    private readonly LabeledImages test;

    public FashionFeatureClassifierTests()
    {
        string data = Path.Combine(temp.Path, "data");
        Directory.CreateDirectory(data);
        SyntheticData.WriteFashionMnist(data, trainCount: 400, testCount: 100);
        (all, test) = FashionMnist.Load(data);
        // The cache tests need a trained network, not a good one: a few batches keep them quick.
        train = all.Slice(0, 160);
    }

    private string Cache => Path.Combine(temp.Path, "cache");

    public void Dispose() => temp.Dispose();

    private float[] Features(FashionFeatureClassifier classifier)
    {
        using var images = torch.tensor(test.Pixels, [test.Count, 1, 28, 28]);
        using var features = classifier.Features(images);
        Assert.Equal([test.Count, FashionFeatureClassifier.FeatureSize], features.shape);
        return features.data<float>().ToArray();
    }

    [Fact]
    public void LoadOrTrain_SecondCall_LoadsTheCachedWeights()
    {
        using var first = FashionFeatureClassifier.LoadOrTrain(Cache, train, Tiny);
        using var second = FashionFeatureClassifier.LoadOrTrain(Cache, train, Tiny);

        Assert.True(first.WasTrained);
        Assert.False(second.WasTrained);
        Assert.Equal(first.WeightsPath, second.WeightsPath);
        Assert.Equal(Features(first), Features(second));
    }

    [Fact]
    public void LoadOrTrain_CorruptWeights_AreDetectedAndRetrainedToTheSameWeights()
    {
        using var original = FashionFeatureClassifier.LoadOrTrain(Cache, train, Tiny);
        byte[] bytes = File.ReadAllBytes(original.WeightsPath);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(original.WeightsPath, bytes);

        using var retrained = FashionFeatureClassifier.LoadOrTrain(Cache, train, Tiny);
        using var reloaded = FashionFeatureClassifier.LoadOrTrain(Cache, train, Tiny);

        Assert.True(retrained.WasTrained);
        Assert.False(reloaded.WasTrained);
        Assert.Equal(Features(original), Features(retrained));
    }

    [Fact]
    public void LoadOrTrain_MissingDigest_Retrains()
    {
        using var original = FashionFeatureClassifier.LoadOrTrain(Cache, train, Tiny);
        File.Delete(original.WeightsPath + ".sha256");

        using var again = FashionFeatureClassifier.LoadOrTrain(Cache, train, Tiny);

        Assert.True(again.WasTrained);
        Assert.True(File.Exists(again.WeightsPath + ".sha256"));
    }

    [Fact]
    public void LoadOrTrain_OtherSeedOrOtherImages_NeverLoadsTheseWeights()
    {
        using var original = FashionFeatureClassifier.LoadOrTrain(Cache, train, Tiny);

        using var otherSeed = FashionFeatureClassifier.LoadOrTrain(Cache, train, Tiny with { Seed = 4 });
        using var otherImages = FashionFeatureClassifier.LoadOrTrain(Cache, train.Slice(0, 150), Tiny);

        Assert.True(otherSeed.WasTrained);
        Assert.True(otherImages.WasTrained);
        Assert.Equal(3, new[] { original.WeightsPath, otherSeed.WeightsPath, otherImages.WeightsPath }.Distinct().Count());
        Assert.NotEqual(Features(original), Features(otherSeed));
    }

    [Fact]
    public void Features_ComeFromATrainedClassifier_AndTellClassesApart()
    {
        using var classifier = FashionFeatureClassifier.LoadOrTrain(Cache, all, Tiny with { Epochs = 3 });

        float[] features = Features(classifier);

        Assert.All(features, value => Assert.True(value >= 0));
        // The synthetic classes are a bright bar at row 2k + 4 over noise: three short epochs separate them well.
        Assert.InRange(classifier.Accuracy(test), 0.9, 1.0);
    }
}
