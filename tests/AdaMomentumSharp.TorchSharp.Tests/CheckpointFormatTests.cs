using System.Buffers.Binary;
using System.Text;
using AdaMomentumSharp.Tests;
using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.CheckpointCorruption;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>The versioned checkpoint: header, checksum, options by name, and refusal of every kind of damage.</summary>
[Collection(CheckpointCorruptionCollection.Name)]
public sealed class CheckpointFormatTests
{
    private static readonly byte[] Magic = [0x89, (byte)'A', (byte)'D', (byte)'A', (byte)'M', (byte)'O', (byte)'M', (byte)'\n'];

    [Fact]
    public void Save_WritesMagicVersionPayloadLengthAndChecksum()
    {
        var (optimizer, _) = Small(seed: 1);

        byte[] bytes = Checkpoint(optimizer);

        Assert.Equal(Magic, bytes[..8]);
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(bytes.Length - 20 - 8, BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(bytes, Rechecksummed(bytes));
    }

    [Fact]
    public void SaveAndLoad_CarriesEveryOptionByName()
    {
        Parameter p = Parameter(new Random(1), [5], ScalarType.Float32);
        using var source = new AdaMomentum([p], lr: 0.03, beta1: 0.7, beta2: 0.95, eps: 1e-9, weight_decay: 0.2, decoupled_weight_decay: true,
                                           amsgrad: true, maximize: true, rectify: true, fixed_decay: true, degenerated_to_sgd: false);
        using var target = new AdaMomentum([Parameter(new Random(2), [5], ScalarType.Float32)]);

        Load(target, Checkpoint(source));

        AdaMomentum.Options options = ((AdaMomentum.ParamGroup)target.ParamGroups.Single()).Options;
        Assert.Equal((0.03, 0.03, 0.7, 0.95, 1e-9, 0.2), (options.LearningRate, options.InitialLearningRate, options.beta1, options.beta2, options.eps, options.weight_decay));
        Assert.Equal([true, true, true, true, true, false],
                     new[] { options.decoupled_weight_decay, options.amsgrad, options.maximize, options.rectify, options.fixed_decay, options.degenerated_to_sgd });
        Assert.Equal(Checkpoint(source), Checkpoint(target));
    }

    [Fact]
    public void Load_FromNonSeekableStream_RestoresTheSavedState()
    {
        var (source, _) = Small(seed: 1);
        var (target, _) = Small(seed: 2);

        Load(target, Checkpoint(source), seekable: false);

        Assert.Equal(Checkpoint(source), Checkpoint(target));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_TwoCheckpointsInOneStream_ReadsEachAndStopsRightAfterIt(bool seekable)
    {
        var (first, _) = Small(seed: 1);
        var (second, _) = Small(seed: 2);
        var (target, _) = Small(seed: 3);
        var inner = new MemoryStream([.. Checkpoint(first), .. Checkpoint(second), 42]);
        using var reader = new BinaryReader(seekable ? inner : new NonSeekableStream(inner));

        target.load_state_dict(reader);
        Assert.Equal(Checkpoint(first), Checkpoint(target));
        target.load_state_dict(reader);
        Assert.Equal(Checkpoint(second), Checkpoint(target));

        Assert.Equal(42, reader.ReadByte());
    }

    [Fact]
    public void SaveAndLoad_NonContiguousParameter_RoundTrips()
    {
        Parameter p = Parameter(new Random(1), [4, 3], ScalarType.Float32, contiguous: false);
        using var source = new AdaMomentum([p], amsgrad: true);
        p.grad = torch.ones_like(p);
        source.step();
        using var target = new AdaMomentum([Parameter(new Random(2), [4, 3], ScalarType.Float32, contiguous: false)], amsgrad: true);

        Load(target, Checkpoint(source));

        Assert.Equal(Values(StateOf(source, 0).exp_avg_sq), Values(StateOf(target, 0).exp_avg_sq));
        Assert.Equal(Checkpoint(source), Checkpoint(target));
    }

    [Theory]
    [InlineData(0xFF, true)]
    [InlineData(0xFF, false)]
    [InlineData(1, true)]
    public void Load_AnyOneByteCorrupted_ThrowsInvalidDataAndChangesNothing(int change, bool xor)
    {
        var (source, _) = Small(seed: 1);
        byte[] bytes = Checkpoint(source);
        var (target, parameters) = Small(seed: 2);
        Snapshot before = Snapshot.Of(target, parameters);

        for (int i = 0; i < bytes.Length; i++)
        {
            byte[] corrupt = (byte[])bytes.Clone();
            corrupt[i] = (byte)(xor ? corrupt[i] ^ change : corrupt[i] + change);

            Assert.Throws<InvalidDataException>(() => Load(target, corrupt));
            Snapshot.Of(target, parameters).AssertSame(before, $"byte {i}");
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Load_TruncatedAtAnyLength_ThrowsInvalidDataAndChangesNothing(bool seekable)
    {
        var (source, _) = Small(seed: 1);
        byte[] bytes = Checkpoint(source);
        var (target, parameters) = Small(seed: 2);
        Snapshot before = Snapshot.Of(target, parameters);

        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => Load(target, bytes[..length], seekable));
            Snapshot.Of(target, parameters).AssertSame(before, $"cut at {length}");
        }
    }

    [Fact]
    public void Load_AnyOneByteCorruptedUnderAValidChecksum_LoadsOrThrowsInvalidDataWithNothingChanged()
    {
        // The checksum stops random damage; this proves the parser behind it is strict on its own: a corrupt dtype,
        // rank, shape, count, flag or name never reaches native code, whatever checksum the bytes carry.
        var (source, _) = Small(seed: 1);
        byte[] bytes = Checkpoint(source);
        var (target, parameters) = Small(seed: 2);
        int refused = 0;

        for (int i = 20; i < bytes.Length - 8; i++)
        {
            foreach (byte value in new[] { (byte)(bytes[i] ^ 0xFF), (byte)(bytes[i] + 1) })
            {
                byte[] corrupt = (byte[])bytes.Clone();
                corrupt[i] = value;
                refused += LoadsOrRefusesCleanly(target, parameters, Rechecksummed(corrupt), $"byte {i} = 0x{value:X2}") ? 1 : 0;
            }
        }

        Assert.True(refused > 0);
    }

    [Fact]
    public void Load_UnknownOptionName_ThrowsNamingIt()
    {
        var (source, _) = Small(seed: 1);
        byte[] bytes = Rename(Checkpoint(source), "maximize", "maximise");
        var (target, parameters) = Small(seed: 2);
        Snapshot before = Snapshot.Of(target, parameters);

        var e = Assert.Throws<InvalidDataException>(() => Load(target, bytes));

        Assert.Contains("'maximise'", e.Message);
        Snapshot.Of(target, parameters).AssertSame(before, "unknown option");
    }

    [Fact]
    public void Load_OptionOutOfRange_ThrowsNamingIt()
    {
        var (source, _) = Small(seed: 1);
        byte[] bytes = Checkpoint(source);
        int beta1 = IndexOf(bytes, "beta1") + "beta1".Length + 1;
        BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(beta1), 1.5);
        var (target, _) = Small(seed: 2);

        var e = Assert.Throws<InvalidDataException>(() => Load(target, Rechecksummed(bytes)));

        Assert.Contains("beta1", e.Message);
    }

    [Fact]
    public void Load_NewerFormatVersion_ThrowsNamingIt()
    {
        var (source, _) = Small(seed: 1);
        byte[] bytes = Checkpoint(source);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 2);
        var (target, _) = Small(seed: 2);

        var e = Assert.Throws<InvalidDataException>(() => Load(target, Rechecksummed(bytes)));

        Assert.Contains("version 2", e.Message);
    }

    [Fact]
    public void Load_MomentsOfAnotherDtype_ThrowsNamingBoth()
    {
        using var source = new AdaMomentum([Parameter(new Random(1), [3, 4], ScalarType.Float64)]);
        using var target = new AdaMomentum([Parameter(new Random(2), [3, 4], ScalarType.Float32)]);

        var e = Assert.Throws<InvalidDataException>(() => Load(target, Checkpoint(source)));

        Assert.Contains("Parameter 0", e.Message);
        Assert.Contains("Float64 [3, 4]", e.Message);
        Assert.Contains("Float32 [3, 4]", e.Message);
    }

    [Fact]
    public void Load_GroupsOfOtherSizes_ThrowsEvenWhenShapesMatch()
    {
        Parameter[] saved = [.. Enumerable.Range(0, 3).Select(i => Parameter(new Random(i), [2], ScalarType.Float32))];
        using var source = new AdaMomentum([new AdaMomentum.ParamGroup(saved[..2]), new AdaMomentum.ParamGroup(saved[2..])]);
        Parameter[] other = [.. Enumerable.Range(0, 3).Select(i => Parameter(new Random(i), [2], ScalarType.Float32))];
        using var target = new AdaMomentum([new AdaMomentum.ParamGroup(other[..1]), new AdaMomentum.ParamGroup(other[1..])]);

        var e = Assert.Throws<InvalidDataException>(() => Load(target, Checkpoint(source)));

        Assert.Contains("group 0 has 2 parameters", e.Message);
    }

    /// <summary>An optimizer over two small parameters (one float32, one float64 with AMSGrad), stepped twice.</summary>
    private static (AdaMomentum Optimizer, Parameter[] Parameters) Small(int seed)
    {
        var random = new Random(seed);
        Parameter[] parameters = [Parameter(random, [3], ScalarType.Float32), Parameter(random, [2, 1], ScalarType.Float64)];
        var optimizer = new AdaMomentum(
            [new AdaMomentum.ParamGroup(parameters[..1], lr: 0.01), new AdaMomentum.ParamGroup(parameters[1..], amsgrad: true, weight_decay: 0.1)]);
        for (int i = 0; i < 2; i++)
        {
            foreach (Parameter p in parameters)
            {
                p.grad = TensorTestData.Random(random, p.shape, 1, p.dtype);
            }
            optimizer.step();
        }
        return (optimizer, parameters);
    }

    private static byte[] Rename(byte[] bytes, string name, string replacement)
    {
        byte[] copy = (byte[])bytes.Clone();
        Encoding.ASCII.GetBytes(replacement).CopyTo(copy, IndexOf(copy, name));
        return Rechecksummed(copy);
    }

    private static int IndexOf(byte[] bytes, string ascii) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii));
}
