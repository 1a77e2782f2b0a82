using System.Buffers.Binary;
using static AdaMomentumSharp.Tests.HandWrittenState;

namespace AdaMomentumSharp.Tests;

public class AdaMomentumStateFormatTests
{
    private static readonly AdaMomentumOptions Options = new()
    {
        LearningRate = 0.01,
        Beta1 = 0.8,
        WeightDecay = 0.1,
        DecoupledWeightDecay = true,
        AmsGrad = true,
    };

    [Fact]
    public void Write_ProducesTheDocumentedVersion2Layout()
    {
        var state = new AdaMomentumState<double>(Options, NonFiniteGradients.Skip, 7, [new([1, 2, 3], [4, 5, 6], [7, 8, 9]), new([-1], [0.5], null)]);
        var stream = new MemoryStream();

        AdaMomentumStateFormat.Write(stream, state);

        byte[] expected = Version2(AllOptions(Options, NonFiniteGradients.Skip), 7, ([1, 2, 3], [4, 5, 6], [7, 8, 9]), ([-1], [0.5], null));
        Assert.Equal(expected, stream.ToArray());
    }

    /// <summary>Chunks of 24 bytes and more outsize every other field (the longest is a 20-byte option name).</summary>
    [Theory]
    [InlineData(24, 24)]
    [InlineData(100, 96)]
    [InlineData(4000, 4000)]
    public void WriteRead_SmallChunks_ArraysMoveInWholeElementSlicesOfAtMostTheChunk(int chunkBytes, int sliceBytes)
    {
        double[] m = Enumerable.Range(0, 1000).Select(i => i * 0.5).ToArray(), v = m.Select(x => x * x).ToArray();
        var state = new AdaMomentumState<double>(Options, NonFiniteGradients.Skip, 3, [new(m, v, null)]);
        var whole = new MemoryStream();
        AdaMomentumStateFormat.Write(whole, state);
        var sliced = new RecordingStream();

        AdaMomentumStateFormat.Write(sliced, state, chunkBytes);
        var source = new RecordingStream(sliced.ToArray());
        AdaMomentumState<double> read = AdaMomentumStateFormat.Read<double>(source, [1000], chunkBytes);

        Assert.Equal(whole.ToArray(), sliced.ToArray());
        Assert.Equal(sliceBytes, sliced.LargestWrite);
        Assert.Equal(sliceBytes, source.LargestRead);
        Assert.Equal(m, read.Buffers[0].ExpAvg);
        Assert.Equal(v, read.Buffers[0].ExpAvgSq);
    }

    [Fact]
    public void SaveLoad_BufferOfSeveralMebibytes_GoesThroughTheStreamInMebibyteSlices()
    {
        const int length = 600_000;
        var saved = new AdaMomentumOptimizer<double>([length]);
        double[] parameters = new double[length], gradients = Enumerable.Range(0, length).Select(i => Math.Sin(i)).ToArray();
        saved.Step([parameters], [gradients]);
        var destination = new RecordingStream();

        saved.Save(destination);
        var source = new RecordingStream(destination.ToArray());
        var loaded = new AdaMomentumOptimizer<double>([length]);
        loaded.Load(source);

        Assert.Equal(1 << 20, destination.LargestWrite);
        Assert.Equal(1 << 20, source.LargestRead);
        Assert.True(saved.ExpAvg(0).SequenceEqual(loaded.ExpAvg(0)));
        Assert.True(saved.ExpAvgSq(0).SequenceEqual(loaded.ExpAvgSq(0)));
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    public void Load_StepCountTheNextStepCannotIncrement_ThrowsNamingIt(long stepCount)
    {
        var stream = new MemoryStream();
        AdaMomentumStateFormat.Write(stream, new AdaMomentumState<double>(Options, NonFiniteGradients.Skip, stepCount, [new([1], [2], null)]));
        var optimizer = new AdaMomentumOptimizer<double>([1]);

        var e = Assert.Throws<InvalidDataException>(() => optimizer.Load(new MemoryStream(stream.ToArray())));

        Assert.Contains($"step count {stepCount}", e.Message);
        Assert.Equal(0, optimizer.StepCount);
    }

    [Fact]
    public void Load_StepCountOneBelowTheLimit_Loads()
    {
        var stream = new MemoryStream();
        AdaMomentumStateFormat.Write(stream, new AdaMomentumState<double>(Options, NonFiniteGradients.Skip, long.MaxValue - 1, [new([1], [2], null)]));
        var optimizer = new AdaMomentumOptimizer<double>([1]);

        optimizer.Load(new MemoryStream(stream.ToArray()));

        Assert.Equal(long.MaxValue - 1, optimizer.StepCount);
    }

    /// <summary>Version 1 read this length into a 17 GB allocation, and on a pipe spent 28 s before running out of memory.</summary>
    [Fact]
    public void Load_LengthCorruptedOnANonSeekableStream_ThrowsBeforeAllocating()
    {
        byte[] state = SavedState(out int[] lengths);
        int at = IndexOfLength(state, lengths[2]);
        state[at + 3] = 0x7F;
        var optimizer = new AdaMomentumOptimizer<double>(lengths);

        var e = ThrowsBeforeAllocating(() => optimizer.Load(new NonSeekableStream(new MemoryStream(state))));

        Assert.Equal($"Buffer 2 of the saved state has {0x7F000000 + lengths[2]} elements but this optimizer's has {lengths[2]}.", e.Message);
    }

    [Fact]
    public void Load_BufferCountCorruptedOnANonSeekableStream_ThrowsBeforeAllocating()
    {
        byte[] state = SavedState(out int[] lengths);
        int at = IndexOfLength(state, lengths[0]) - sizeof(long);
        Assert.Equal(lengths.Length, BinaryPrimitives.ReadInt64LittleEndian(state.AsSpan(at)));
        state[at + 3] = 0x40;
        var optimizer = new AdaMomentumOptimizer<double>(lengths);

        var e = ThrowsBeforeAllocating(() => optimizer.Load(new NonSeekableStream(new MemoryStream(state))));

        Assert.Equal($"The saved state has {0x40000000 + lengths.Length} buffers but this optimizer has {lengths.Length}.", e.Message);
    }

    [Fact]
    public void Load_SeekableStreamShorterThanItsBuffer_ThrowsBeforeAllocatingTheBuffer()
    {
        const int length = 1 << 20;
        var saved = new AdaMomentumOptimizer<double>([length]);
        var stream = new MemoryStream();
        saved.Save(stream);
        byte[] cut = stream.ToArray()[..(stream.ToArray().Length / 2)];
        var optimizer = new AdaMomentumOptimizer<double>([length]);

        var e = ThrowsBeforeAllocating(() => optimizer.Load(new MemoryStream(cut)));

        Assert.Contains($"buffer 0 needs {2L * length * sizeof(double)} bytes", e.Message);
    }

    [Fact]
    public void Load_UnknownVersion_ThrowsNamingIt()
    {
        byte[] state = SavedState(out int[] lengths);
        state[8] = 3;

        var e = Assert.Throws<InvalidDataException>(() => new AdaMomentumOptimizer<double>(lengths).Load(new MemoryStream(state)));

        Assert.Contains("format version 3", e.Message);
    }

    /// <summary>Asserts that <paramref name="load"/> throws having allocated under 1 MiB, far less than any buffer it names.</summary>
    private static InvalidDataException ThrowsBeforeAllocating(Action load)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<InvalidDataException>(load);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
        return e;
    }

    private static byte[] SavedState(out int[] lengths)
    {
        lengths = [37, 1, 1029];
        var optimizer = new AdaMomentumOptimizer<double>(lengths, Options);
        var stream = new MemoryStream();
        optimizer.Save(stream);
        return stream.ToArray();
    }

    /// <summary>Where the i64 <paramref name="length"/> followed by a hasMax byte first stands in <paramref name="state"/>.</summary>
    private static int IndexOfLength(byte[] state, long length)
    {
        byte[] pattern = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(pattern, length);
        int at = state.AsSpan().IndexOf(pattern);
        Assert.True(at > 0, $"length {length} not found");
        return at;
    }
}
