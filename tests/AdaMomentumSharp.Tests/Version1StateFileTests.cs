namespace AdaMomentumSharp.Tests;

/// <summary>The files in TestData were saved by the version 1 writer; see TestData/README.md for how.</summary>
public class Version1StateFileTests
{
    [Fact]
    public void Load_Version1DoubleFile_GivesTheOptionsAndMomentsOfTheRunThatSavedIt()
    {
        var options = new AdaMomentumOptions
        {
            LearningRate = 0.01,
            Beta1 = 0.8,
            Beta2 = 0.99,
            Epsilon = 1e-8,
            WeightDecay = 0.1,
            DecoupledWeightDecay = true,
            AmsGrad = true,
            Maximize = true,
            Rectify = true,
        };
        var replayed = new AdaMomentumOptimizer<double>([3, 2], options, NonFiniteGradients.Skip);
        double[][] parameters = [[0.5, -0.25, 1.0], [2.0, -3.0]];
        for (int t = 1; t <= 3; t++)
        {
            replayed.Step(parameters, [[0.1 * t, -0.2, 0.3 / t], [-0.4 * t, 0.5]]);
        }
        var loaded = new AdaMomentumOptimizer<double>([3, 2]);

        loaded.Load(TestFile("v1-double-amsgrad.state"));

        AssertSameStateToRounding(replayed, loaded, buffers: 2, ulps: 4);
    }

    [Fact]
    public void Load_Version1FloatFile_GivesTheOptionsAndMomentsOfTheRunThatSavedIt()
    {
        var options = new AdaMomentumOptions { LearningRate = 0.003, WeightDecay = 0.01 };
        var replayed = new AdaMomentumOptimizer<float>([4], options, NonFiniteGradients.Ignore);
        float[][] parameters = [[1f, 2f, -1f, 0.5f]];
        for (int t = 1; t <= 2; t++)
        {
            replayed.Step(parameters, [[0.5f, -0.5f * t, 0.25f, 1f / t]]);
        }
        var loaded = new AdaMomentumOptimizer<float>([4], new AdaMomentumOptions { Maximize = true });

        loaded.Load(TestFile("v1-float.state"));

        AssertSameStateToRounding(replayed, loaded, buffers: 1, ulps: 4);
    }

    [Fact]
    public void Save_AfterLoadingVersion1_WritesVersion2ThatLoadsTheSame()
    {
        var fromVersion1 = new AdaMomentumOptimizer<double>([3, 2]);
        fromVersion1.Load(TestFile("v1-double-amsgrad.state"));
        var stream = new MemoryStream();

        fromVersion1.Save(stream);
        var fromVersion2 = new AdaMomentumOptimizer<double>([3, 2]);
        fromVersion2.Load(new MemoryStream(stream.ToArray()));

        Assert.Equal(2, BitConverter.ToInt32(stream.ToArray(), 8));
        AssertSameState(fromVersion1, fromVersion2, buffers: 2);
    }

    [Fact]
    public void Load_Version1FileWithAnyByteFlipped_ThrowsInvalidData()
    {
        byte[] file = File.ReadAllBytes(TestFile("v1-double-amsgrad.state"));
        for (int i = 0; i < file.Length; i++)
        {
            byte[] corrupt = (byte[])file.Clone();
            corrupt[i] ^= 0x10;
            Assert.Throws<InvalidDataException>(() => new AdaMomentumOptimizer<double>([3, 2]).Load(new MemoryStream(corrupt)));
        }
    }

    /// <summary>
    /// The files were saved by the kernel before it fused its multiply-adds (as PyTorch's do), so today's replay of the
    /// same run differs from them in the last bits; everything else must be equal.
    /// </summary>
    private static void AssertSameStateToRounding<T>(AdaMomentumOptimizer<T> expected, AdaMomentumOptimizer<T> actual, int buffers, int ulps)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Options, actual.Options);
        Assert.Equal(expected.NonFiniteGradients, actual.NonFiniteGradients);
        Assert.Equal(expected.StepCount, actual.StepCount);
        for (int b = 0; b < buffers; b++)
        {
            AssertClose(expected.ExpAvg(b).ToArray(), actual.ExpAvg(b).ToArray(), ulps);
            AssertClose(expected.ExpAvgSq(b).ToArray(), actual.ExpAvgSq(b).ToArray(), ulps);
            AssertClose(expected.MaxExpAvgSq(b).ToArray(), actual.MaxExpAvgSq(b).ToArray(), ulps);
        }
    }

    private static void AssertClose<T>(T[] expected, T[] actual, int ulps)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(T.Abs(expected[i] - actual[i]) <= T.CreateTruncating(ulps) * Ulp(expected[i]),
                $"element {i}: {expected[i]} vs {actual[i]} (more than {ulps} ulps apart)");
        }
    }

    private static T Ulp<T>(T x)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => T.BitIncrement(T.Abs(x)) - T.Abs(x);

    private static string TestFile(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static void AssertSameState<T>(AdaMomentumOptimizer<T> expected, AdaMomentumOptimizer<T> actual, int buffers)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Assert.Equal(expected.Options, actual.Options);
        Assert.Equal(expected.StepCount, actual.StepCount);
        for (int b = 0; b < buffers; b++)
        {
            Assert.Equal(expected.ExpAvg(b).ToArray(), actual.ExpAvg(b).ToArray());
            Assert.Equal(expected.ExpAvgSq(b).ToArray(), actual.ExpAvgSq(b).ToArray());
        }
        Assert.Equal(Saved(expected), Saved(actual));
    }

    /// <summary>Everything an optimizer holds, the AmsGrad maximum included.</summary>
    private static byte[] Saved<T>(AdaMomentumOptimizer<T> optimizer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var stream = new MemoryStream();
        optimizer.Save(stream);
        return stream.ToArray();
    }
}
