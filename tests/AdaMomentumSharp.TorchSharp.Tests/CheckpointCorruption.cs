using System.Buffers.Binary;
using System.IO.Hashing;
using AdaMomentumSharp.Tests;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>Loads damaged checkpoints and captures what a failed load must leave untouched.</summary>
internal static class CheckpointCorruption
{
    /// <summary>Everything a load could change: the optimizer's own checkpoint bytes and its parameters' values.</summary>
    public sealed record Snapshot(byte[] Checkpoint, double[][] Parameters)
    {
        public static Snapshot Of(AdaMomentum optimizer, IEnumerable<Parameter> parameters) =>
            new(TensorTestData.Checkpoint(optimizer), parameters.Select(p => Values(p)).ToArray());

        public void AssertSame(Snapshot other, string what)
        {
            Assert.True(Checkpoint.AsSpan().SequenceEqual(other.Checkpoint), $"{what}: the optimizer's state or options changed.");
            Assert.True(Parameters.Zip(other.Parameters).All(pair => pair.First.SequenceEqual(pair.Second)), $"{what}: a parameter changed.");
        }
    }

    /// <summary>Loads <paramref name="bytes"/> from a seekable or non-seekable stream.</summary>
    public static void Load(AdaMomentum optimizer, byte[] bytes, bool seekable = true)
    {
        Stream stream = seekable ? new MemoryStream(bytes) : new NonSeekableStream(new MemoryStream(bytes));
        using var reader = new BinaryReader(stream);
        optimizer.load_state_dict(reader);
    }

    /// <summary>A copy of a versioned checkpoint with its trailing checksum recomputed, so damage reaches the parser.</summary>
    public static byte[] Rechecksummed(byte[] bytes)
    {
        byte[] copy = (byte[])bytes.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(copy.AsSpan(copy.Length - 8), XxHash3.HashToUInt64(copy.AsSpan(0, copy.Length - 8)));
        return copy;
    }

    /// <summary>
    /// Loads <paramref name="bytes"/> into <paramref name="optimizer"/>, which must either take it or throw
    /// <see cref="InvalidDataException"/> and stay exactly as it was; any other exception fails the test.
    /// </summary>
    /// <returns>True when the load was refused.</returns>
    public static bool LoadsOrRefusesCleanly(AdaMomentum optimizer, IReadOnlyList<Parameter> parameters, byte[] bytes, string what)
    {
        Snapshot before = Snapshot.Of(optimizer, parameters);
        try
        {
            Load(optimizer, bytes);
            return false;
        }
        catch (InvalidDataException)
        {
            Snapshot.Of(optimizer, parameters).AssertSame(before, what);
            return true;
        }
    }
}
