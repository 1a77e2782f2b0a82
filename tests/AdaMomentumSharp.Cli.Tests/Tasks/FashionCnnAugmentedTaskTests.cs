using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>fashion-cnn-augmented: the plain CNN's network and data, training images cropped and flipped, the CIFAR schedule.</summary>
public sealed class FashionCnnAugmentedTaskTests : IDisposable
{
    private const int Side = 28;
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Task_IsThePlainCnnWithTheCifarSchedule()
    {
        ExperimentTask augmented = TaskRegistry.Get("fashion-cnn-augmented"), plain = TaskRegistry.Get("fashion-cnn");

        Assert.Equal(("cifar-step", 20, 128), (augmented.DefaultSchedule, augmented.DefaultEpochs, augmented.DefaultBatchSize));
        Assert.Equal("step", plain.DefaultSchedule);
        Assert.Equal(plain.Recipe, augmented.Recipe);
        var settings = new TaskSettings(temp.Path);
        using var a = ((SupervisedTask)augmented).CreateModel(null!, settings);
        using var p = ((SupervisedTask)plain).CreateModel(null!, settings);
        Assert.Equal(ModelParameters.Of(p), ModelParameters.Of(a));
    }

    [Fact]
    public void TrainingImages_AreShiftsOfAtMostTwoPixelsOrTheirMirrors_EvaluationImagesAreUntouched()
    {
        SyntheticData.WriteFashionMnist(temp.Path, trainCount: 200, testCount: 20);
        var settings = new TaskSettings(temp.Path, TrainLimit: 64);
        using var augmented = TaskRegistry.Get("fashion-cnn-augmented").LoadData(settings);
        using var plain = TaskRegistry.Get("fashion-cnn").LoadData(settings);

        // The augmented pass takes one number from the shuffle for its draws, then shuffles as the plain data does.
        var (images, labels) = augmented.Batches(DataSplit.Train, 64, new Random(5)).Single();
        var plainShuffle = new Random(5);
        plainShuffle.Next();
        var (originals, originalLabels) = plain.Batches(DataSplit.Train, 64, plainShuffle).Single();

        Assert.Equal(originalLabels.data<long>().ToArray(), labels.data<long>().ToArray());
        var policy = AugmentationPolicy.FashionMnist;
        int identical = 0, mirrored = 0;
        for (int n = 0; n < 64; n++)
        {
            float[] original = originals[n].data<float>().ToArray(), image = images[n].data<float>().ToArray();
            var matches = AllDraws(policy.Padding).Where(draw => Augment(original, policy, draw).SequenceEqual(image)).ToList();
            Assert.True(matches.Count > 0, $"training image {n} is no crop or mirrored crop of its original");
            identical += original.SequenceEqual(image) ? 1 : 0;
            mirrored += matches.All(d => d.Flip) ? 1 : 0;
        }
        // 64 images, each left alone with probability 1/50 and mirrored with 1/2: these bounds fail with odds below 1e-6.
        Assert.InRange(identical, 0, 8);
        Assert.InRange(mirrored, 10, 54);

        foreach (var split in new[] { DataSplit.Validation, DataSplit.Test })
        {
            var (evaluated, _) = augmented.Batches(split, 1000).Single();
            var (unchanged, _) = plain.Batches(split, 1000).Single();
            Assert.True(evaluated.shape.SequenceEqual(unchanged.shape) && evaluated.equal(unchanged).all().item<bool>(), $"{split} images were changed");
        }
    }

    [Fact]
    public void FashionPolicy_PadsWithNormalizedBlack_AndHasNoCutout()
    {
        var policy = AugmentationPolicy.FashionMnist;

        Assert.Equal((2, 0), (policy.Padding, policy.CutoutSize));
        Assert.Equal((0 - FashionMnist.PixelMean) / FashionMnist.PixelStd, Assert.Single(policy.Fill));
        var random = new ImageAugmentation(policy, seed: 1);
        Assert.All(Enumerable.Range(0, 200).Select(_ => random.Draw(Side, Side)), d => Assert.Null(d.CutoutTop));
    }

    private static IEnumerable<ImageAugmentationDraw> AllDraws(int padding) =>
        from top in Enumerable.Range(0, 2 * padding + 1)
        from left in Enumerable.Range(0, 2 * padding + 1)
        from flip in new[] { false, true }
        select new ImageAugmentationDraw(top, left, flip, null, null);

    private static float[] Augment(float[] image, AugmentationPolicy policy, ImageAugmentationDraw draw)
    {
        var output = new float[image.Length];
        ImageAugmentation.Apply(image, output, Side, Side, policy, draw);
        return output;
    }
}
