using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class BpttBatchesTests
{
    [Fact]
    public void Batchify_PutsContiguousStretchesInColumnsAndDropsTheRemainder()
    {
        int[] tokens = Enumerable.Range(0, 23).ToArray();

        using var batched = BpttBatches.Batchify(tokens, columns: 4);

        Assert.Equal([5, 4], batched.shape);
        long[] values = batched.data<long>().ToArray();
        Assert.Equal([0, 5, 10, 15], values[..4]);
        Assert.Equal([4, 9, 14, 19], values[^4..]);
    }

    [Fact]
    public void Window_TargetsAreTheNextRowFlattenedRowByRow()
    {
        using var source = BpttBatches.Batchify(Enumerable.Range(0, 40).ToArray(), columns: 2);

        var (input, target) = BpttBatches.Window(source, start: 3, length: 4);
        using (input)
        using (target)
        {
            Assert.Equal([4, 2], input.shape);
            Assert.Equal([3, 23, 4, 24, 5, 25, 6, 26], input.data<long>().ToArray());
            Assert.Equal([4, 24, 5, 25, 6, 26, 7, 27], target.data<long>().ToArray());
        }
    }

    [Fact]
    public void Window_NearTheEnd_IsShortenedSoTheLastTargetIsTheLastRow()
    {
        using var source = BpttBatches.Batchify(Enumerable.Range(0, 20).ToArray(), columns: 2);

        var (input, target) = BpttBatches.Window(source, start: 7, length: 70);
        using (input)
        using (target)
        {
            Assert.Equal([2, 2], input.shape);
            Assert.Equal([8, 18, 9, 19], target.data<long>().ToArray());
        }
    }

    [Fact]
    public void EvaluationWindows_CoverEveryTargetRowOnce()
    {
        var windows = BpttBatches.EvaluationWindows(rows: 151, length: 70).ToArray();

        Assert.Equal([(0, 70), (70, 70), (140, 10)], windows);
    }

    [Fact]
    public void TrainingWindows_FollowTheirDrawnLengthsFromTheSameSeed()
    {
        var lengths = new Random(5);
        int[] expected = Enumerable.Range(0, 100).Select(_ => BpttBatches.DrawLength(lengths, 70)).ToArray();

        var windows = BpttBatches.TrainingWindows(rows: 1000, bptt: 70, new Random(5)).ToArray();

        Assert.Equal(expected[..windows.Length], windows.Select(w => w.Length));
        Assert.Equal(0, windows[0].Start);
        Assert.All(windows.Skip(1).Zip(windows), pair => Assert.Equal(pair.Second.Start + pair.Second.Length, pair.First.Start));
        Assert.True(windows[^1].Start < 998 && windows[^1].Start + windows[^1].Length >= 998);
    }

    [Fact]
    public void DrawLength_MatchesAwdLstmsMixtureOfNormals()
    {
        var random = new Random(1);
        int[] lengths = Enumerable.Range(0, 40_000).Select(_ => BpttBatches.DrawLength(random, 70)).ToArray();

        // 95 % around 70 and 5 % around 35, standard deviation 5, truncated toward zero: the long draws average 69.5.
        double[] longDraws = lengths.Where(l => l >= 53).Select(l => (double)l).ToArray();
        Assert.InRange(longDraws.Length / 40_000.0, 0.945, 0.955);
        Assert.InRange(longDraws.Average(), 69.4, 69.6);
        double sd = Math.Sqrt(longDraws.Select(l => (l - longDraws.Average()) * (l - longDraws.Average())).Average());
        Assert.InRange(sd, 4.9, 5.15);
        Assert.True(lengths.Min() >= 5);
    }
}
