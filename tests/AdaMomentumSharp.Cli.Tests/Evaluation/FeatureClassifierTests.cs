using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Evaluation;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class FeatureClassifierTests : IDisposable
{
    private static readonly FeatureClassifierTraining Tiny = new(Seed: 3, Epochs: 1, BatchSize: 32);

    private readonly TempDirectory temp = new();
    private readonly LabeledImages all;
    private readonly LabeledImages train;
    private readonly LabeledImages test;

    public FeatureClassifierTests()
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

    private FeatureClassifier Train(LabeledImages images, FeatureClassifierTraining settings)
    {
        using var pixels = torch.tensor(images.Pixels, [images.Count, 1, 28, 28]);
        using var labels = torch.tensor(images.Labels);
        return FeatureClassifier.LoadOrTrain(Cache, pixels, labels, FashionMnist.Classes, settings);
    }

    private static double Accuracy(FeatureClassifier classifier, LabeledImages images)
    {
        using var pixels = torch.tensor(images.Pixels, [images.Count, 1, 28, 28]);
        using var labels = torch.tensor(images.Labels);
        return classifier.Accuracy(pixels, labels);
    }

    private float[] Features(FeatureClassifier classifier)
    {
        using var images = torch.tensor(test.Pixels, [test.Count, 1, 28, 28]);
        using var features = classifier.Features(images);
        Assert.Equal([test.Count, FeatureClassifier.FeatureSize], features.shape);
        return features.data<float>().ToArray();
    }

    [Fact]
    public void LoadOrTrain_SecondCall_LoadsTheCachedWeights()
    {
        using var first = Train(train, Tiny);
        using var second = Train(train, Tiny);

        Assert.True(first.WasTrained);
        Assert.False(second.WasTrained);
        Assert.Equal(first.WeightsPath, second.WeightsPath);
        Assert.Equal(Features(first), Features(second));
    }

    [Fact]
    public void LoadOrTrain_CorruptWeights_AreDetectedAndRetrainedToTheSameWeights()
    {
        using var original = Train(train, Tiny);
        byte[] bytes = File.ReadAllBytes(original.WeightsPath);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(original.WeightsPath, bytes);

        using var retrained = Train(train, Tiny);
        using var reloaded = Train(train, Tiny);

        Assert.True(retrained.WasTrained);
        Assert.False(reloaded.WasTrained);
        Assert.Equal(Features(original), Features(retrained));
    }

    [Fact]
    public void LoadOrTrain_MissingDigest_Retrains()
    {
        using var original = Train(train, Tiny);
        File.Delete(original.WeightsPath + FeatureClassifier.ChecksumSuffix);

        using var again = Train(train, Tiny);

        Assert.True(again.WasTrained);
        Assert.True(File.Exists(again.WeightsPath + FeatureClassifier.ChecksumSuffix));
    }

    [Fact]
    public void LoadOrTrain_OtherSeedOrOtherImages_NeverLoadsTheseWeights()
    {
        using var original = Train(train, Tiny);

        using var otherSeed = Train(train, Tiny with { Seed = 4 });
        using var otherImages = Train(train.Slice(0, 150), Tiny);

        Assert.True(otherSeed.WasTrained);
        Assert.True(otherImages.WasTrained);
        Assert.Equal(3, new[] { original.WeightsPath, otherSeed.WeightsPath, otherImages.WeightsPath }.Distinct().Count());
        Assert.NotEqual(Features(original), Features(otherSeed));
    }

    [Fact]
    public void Features_ComeFromATrainedClassifier_AndTellClassesApart()
    {
        using var classifier = Train(all, Tiny with { Epochs = 3 });

        float[] features = Features(classifier);

        Assert.All(features, value => Assert.True(value >= 0));
        // The synthetic classes are a bright bar at row 2k + 4 over noise: three short epochs separate them well.
        Assert.InRange(Accuracy(classifier, test), 0.9, 1.0);
    }
}
