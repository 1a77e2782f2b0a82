namespace AdaMomentumSharp.Tests;

public class AdaMomentumOptimizerStateTests
{
    private static readonly int[] Lengths = [37, 1, 1029];
    private static readonly AdaMomentumOptions Options = new() { LearningRate = 0.01, AmsGrad = true, WeightDecay = 1e-3 };

    [Fact]
    public void SaveLoadContinue_FollowsTheUninterruptedTrajectoryBitForBit()
    {
        var (straight, straightParams) = Create<float>();
        var (interrupted, interruptedParams) = Create<float>();
        for (int t = 1; t <= 10; t++)
        {
            straight.Step(straightParams, Gradients<float>(t));
            interrupted.Step(interruptedParams, Gradients<float>(t));
        }

        string path = Path.Combine(Path.GetTempPath(), $"adamomentum-{Guid.NewGuid():N}.state");
        try
        {
            interrupted.Save(path);
            var (resumed, _) = Create<float>(new AdaMomentumOptions());
            resumed.Load(path);
            for (int t = 11; t <= 20; t++)
            {
                straight.Step(straightParams, Gradients<float>(t));
                resumed.Step(interruptedParams, Gradients<float>(t));
            }

            Assert.Equal(straight.Options, resumed.Options);
            Assert.Equal(20, resumed.StepCount);
            for (int b = 0; b < Lengths.Length; b++)
            {
                Assert.Equal(straightParams[b], interruptedParams[b]);
                Assert.True(straight.ExpAvg(b).SequenceEqual(resumed.ExpAvg(b)));
                Assert.True(straight.ExpAvgSq(b).SequenceEqual(resumed.ExpAvgSq(b)));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_TruncatedAtEveryLength_ThrowsInvalidDataAndChangesNothing()
    {
        byte[] saved = SmallSavedState();
        AdaMomentumOptimizer<double> target = SmallTarget();
        byte[] before = Snapshot(target);

        for (int cut = 0; cut < saved.Length; cut++)
        {
            foreach (Stream source in new Stream[] { new MemoryStream(saved[..cut]), new NonSeekableStream(new MemoryStream(saved[..cut])) })
            {
                var e = Assert.Throws<InvalidDataException>(() => target.Load(source));
                Assert.Contains("truncated", e.Message);
            }
        }
        AssertSmallTargetUnchanged(before, target);
    }

    [Fact]
    public void Load_EveryByteFlipped_ThrowsInvalidDataAndChangesNothing()
    {
        byte[] saved = SmallSavedState();
        AdaMomentumOptimizer<double> target = SmallTarget();
        byte[] before = Snapshot(target);

        for (int i = 0; i < saved.Length; i++)
        {
            foreach (byte flip in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] corrupt = (byte[])saved.Clone();
                corrupt[i] ^= flip;
                Assert.Throws<InvalidDataException>(() => target.Load(new MemoryStream(corrupt)));
                Assert.Throws<InvalidDataException>(() => target.Load(new NonSeekableStream(new MemoryStream(corrupt))));
            }
        }
        AssertSmallTargetUnchanged(before, target);
    }

    [Fact]
    public void Load_StateOfOtherElementType_ThrowsNamingBoth()
    {
        var (target, _) = Create<float>();

        var e = Assert.Throws<InvalidDataException>(() => target.Load(new MemoryStream(SavedState())));

        Assert.Contains("8-byte", e.Message);
        Assert.Contains("Single", e.Message);
    }

    [Fact]
    public void Load_StateOfOtherShape_ThrowsNamingTheBuffer()
    {
        var other = new AdaMomentumOptimizer<double>([37, 2, 1029]);
        var stream = new MemoryStream();
        other.Save(stream);
        var (target, _) = Create<double>();

        var e = Assert.Throws<InvalidDataException>(() => target.Load(new MemoryStream(stream.ToArray())));

        Assert.Contains("Buffer 1", e.Message);
        Assert.Contains("2 elements", e.Message);
    }

    [Fact]
    public void Step_MismatchedBuffers_ThrowsAndChangesNothing()
    {
        var (optimizer, parameters) = Create<float>();
        byte[] before = Snapshot(optimizer);

        var e = Assert.Throws<ArgumentException>(() => optimizer.Step(parameters, [new float[37], new float[1], new float[1028]]));

        Assert.Contains("gradients[2] has 1028 elements", e.Message);
        Assert.Equal(before, Snapshot(optimizer));
        Assert.Throws<ArgumentException>(() => optimizer.Step(parameters, [new float[37]]));
    }

    [Fact]
    public void Step_NonFiniteGradientInLaterBuffer_ThrowsBeforeUpdatingEarlierBuffers()
    {
        var (optimizer, parameters) = Create<float>();
        float[][] copy = parameters.Select(p => (float[])p.Clone()).ToArray();
        float[][] gradients = Gradients<float>(1);
        gradients[2][1000] = float.NaN;

        var e = Assert.Throws<NonFiniteGradientException>(() => optimizer.Step(parameters, gradients));

        Assert.Equal((2, 1000L), (e.BufferIndex, e.ElementIndex));
        Assert.Equal(copy, parameters);
        Assert.Equal(0, optimizer.StepCount);
    }

    private static byte[] SavedState()
    {
        var (optimizer, parameters) = Create<double>();
        for (int t = 1; t <= 3; t++)
        {
            optimizer.Step(parameters, Gradients<double>(t));
        }
        var stream = new MemoryStream();
        optimizer.Save(stream);
        return stream.ToArray();
    }

    private static readonly int[] SmallLengths = [2, 3];

    /// <summary>A state small enough to corrupt at every byte: AmsGrad, two steps.</summary>
    private static byte[] SmallSavedState()
    {
        var optimizer = new AdaMomentumOptimizer<double>(SmallLengths, new AdaMomentumOptions { AmsGrad = true, Rectify = true });
        double[][] parameters = [[1, 2], [3, 4, 5]];
        optimizer.Step(parameters, [[0.1, 0.2], [0.3, 0.4, 0.5]]);
        optimizer.Step(parameters, [[-0.1, 0.2], [0.3, -0.4, 0.5]]);
        var stream = new MemoryStream();
        optimizer.Save(stream);
        return stream.ToArray();
    }

    /// <summary>An optimizer of the small state's shape whose state differs from it in every part.</summary>
    private static AdaMomentumOptimizer<double> SmallTarget()
    {
        var target = new AdaMomentumOptimizer<double>(SmallLengths, Options);
        target.Step([[7, 8], [9, 10, 11]], [[1, -1], [2, -2, 3]]);
        return target;
    }

    private static void AssertSmallTargetUnchanged(byte[] before, AdaMomentumOptimizer<double> target)
    {
        Assert.Equal(1, target.StepCount);
        Assert.Equal(Options, target.Options);
        Assert.Equal(SmallTarget().ExpAvg(1).ToArray(), target.ExpAvg(1).ToArray());
        Assert.Equal(before, Snapshot(target));
    }

    private static byte[] Snapshot<T>(AdaMomentumOptimizer<T> optimizer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var stream = new MemoryStream();
        optimizer.Save(stream);
        return stream.ToArray();
    }

    private static (AdaMomentumOptimizer<T>, T[][]) Create<T>(AdaMomentumOptions? options = null)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(3);
        T[][] parameters = Lengths.Select(n => Enumerable.Range(0, n).Select(_ => T.CreateTruncating(random.NextDouble())).ToArray()).ToArray();
        return (new AdaMomentumOptimizer<T>(Lengths, options ?? Options), parameters);
    }

    private static T[][] Gradients<T>(int step)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new Random(100 + step);
        return Lengths.Select(n => Enumerable.Range(0, n).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5)).ToArray()).ToArray();
    }
}
