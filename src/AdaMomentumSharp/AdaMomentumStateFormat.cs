using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>
/// The versioned binary format of <see cref="AdaMomentumOptimizer{T}"/> state. Version 2, little-endian, every
/// count and length 64-bit:
/// <code>
/// "AMOMSTAT"  u32 version (2)  u8 elementBytes
/// i64 optionCount   per option: i64 nameBytes  UTF-8 name  value (f64 number, u8 flag 0 or 1, i32 enum)
/// i64 stepCount   i64 bufferCount
/// per buffer: i64 length  u8 hasMax (0 or 1)  m[length]  v[length]  (vmax[length] when hasMax)
/// 8 bytes: XxHash3 (64-bit) of every byte above, as XxHash3.GetCurrentHash writes it (big-endian)
/// </code>
/// Options are saved by name (<see cref="SavedOptions"/>): a reader refuses a name it does not know, and an
/// option a state does not name takes its default. Version 1 (still read) had the options at fixed positions
/// (<see cref="Version1Options"/>), an i32 bufferCount, and a little-endian 64-bit FNV-1a trailer.
/// </summary>
/// <remarks>
/// Reading checks every field against what the stream can still hold and what the loading optimizer expects
/// (buffer count and lengths) before allocating for it, and checks the checksum before returning, so a truncated
/// or corrupt stream is refused with <see cref="InvalidDataException"/> instead of yielding garbage or gigabytes.
/// </remarks>
internal static class AdaMomentumStateFormat
{
    public const int Version = 2;

    /// <summary>Arrays go to and from the stream in slices of this many bytes at most.</summary>
    public const int DefaultChunkBytes = 1 << 20;

    private const int HeaderBytes = 12;

    private static ReadOnlySpan<byte> Magic => "AMOMSTAT"u8;

    public static unsafe void Write<T>(Stream destination, AdaMomentumState<T> state, int chunkBytes = DefaultChunkBytes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var writer = new StateWriter(destination, new XxHash3(), chunkBytes);
        writer.WriteBytes(Magic);
        writer.WriteInt32(Version);
        writer.WriteByte((byte)sizeof(T));
        SavedOptions.Write(writer, state.Options, state.NonFiniteGradients);
        writer.WriteInt64(state.StepCount);
        writer.WriteInt64(state.Buffers.Length);
        foreach (BufferMoments<T> buffer in state.Buffers)
        {
            writer.WriteInt64(buffer.ExpAvg.Length);
            writer.WriteBoolean(buffer.MaxExpAvgSq is not null);
            writer.WriteElements<T>(buffer.ExpAvg);
            writer.WriteElements<T>(buffer.ExpAvgSq);
            if (buffer.MaxExpAvgSq is not null)
            {
                writer.WriteElements<T>(buffer.MaxExpAvgSq);
            }
        }
        writer.WriteChecksum();
    }

    /// <summary>Reads a version 1 or 2 state whose buffers must have exactly <paramref name="bufferLengths"/>.</summary>
    public static AdaMomentumState<T> Read<T>(Stream source, IReadOnlyList<int> bufferLengths, int chunkBytes = DefaultChunkBytes)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        StateReader.Fill(source, header);
        if (!header[..Magic.Length].SequenceEqual(Magic))
        {
            throw new InvalidDataException("The stream is not an AdaMomentum state: its first bytes are not \"AMOMSTAT\".");
        }
        int version = BinaryPrimitives.ReadInt32LittleEndian(header[Magic.Length..]);
        NonCryptographicHashAlgorithm hash = version switch
        {
            1 => new Fnv1a64(),
            Version => new XxHash3(),
            _ => throw new InvalidDataException($"The AdaMomentum state has format version {version}; this library reads versions 1 and {Version}."),
        };
        hash.Append(header);
        var reader = new StateReader(source, hash, chunkBytes);

        RequireElementBytes<T>(reader.ReadByte());
        var (options, nonFiniteGradients) = version == 1 ? Version1Options.Read(reader) : SavedOptions.Read(reader);
        RequireValid(options, nonFiniteGradients);
        long stepCount = RequireStepCount(reader.ReadInt64());
        long bufferCount = version == 1 ? reader.ReadInt32() : reader.ReadInt64();
        if (bufferCount != bufferLengths.Count)
        {
            throw new InvalidDataException($"The saved state has {bufferCount} buffers but this optimizer has {bufferLengths.Count}.");
        }
        var buffers = new BufferMoments<T>[bufferLengths.Count];
        for (int i = 0; i < buffers.Length; i++)
        {
            buffers[i] = ReadBuffer<T>(reader, i, bufferLengths[i]);
        }
        reader.VerifyChecksum();
        return new AdaMomentumState<T>(options, nonFiniteGradients, stepCount, buffers);
    }

    private static unsafe BufferMoments<T> ReadBuffer<T>(StateReader reader, int index, int expectedLength)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long length = reader.ReadInt64();
        if (length != expectedLength)
        {
            throw new InvalidDataException(
                $"Buffer {index} of the saved state has {length} elements but this optimizer's has {expectedLength}.");
        }
        bool hasMax = reader.ReadBoolean($"buffer {index}'s hasMax");
        reader.RequireAvailable((hasMax ? 3 : 2) * length * sizeof(T), $"buffer {index}");
        var moments = BufferMoments<T>.Zeros(expectedLength, hasMax);
        reader.ReadElements<T>(moments.ExpAvg);
        reader.ReadElements<T>(moments.ExpAvgSq);
        if (moments.MaxExpAvgSq is not null)
        {
            reader.ReadElements<T>(moments.MaxExpAvgSq);
        }
        return moments;
    }

    private static unsafe void RequireElementBytes<T>(int elementBytes)
        where T : unmanaged
    {
        if (elementBytes != sizeof(T))
        {
            throw new InvalidDataException(
                $"The AdaMomentum state holds {elementBytes}-byte elements but this optimizer uses {typeof(T).Name} ({sizeof(T)} bytes).");
        }
    }

    private static void RequireValid(AdaMomentumOptions options, NonFiniteGradients nonFiniteGradients)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The AdaMomentum state holds invalid options: {e.Message}", e);
        }
        if (!Enum.IsDefined(nonFiniteGradients))
        {
            throw new InvalidDataException(
                $"The AdaMomentum state sets NonFiniteGradients to {(int)nonFiniteGradients}; Throw (0), Skip (1) and Ignore (2) exist.");
        }
    }

    /// <summary>A step count the next step can still increment: 0 to <see cref="long.MaxValue"/> − 1.</summary>
    private static long RequireStepCount(long stepCount)
    {
        if (stepCount < 0 || stepCount == long.MaxValue)
        {
            throw new InvalidDataException(
                $"The AdaMomentum state has step count {stepCount}; it must be from 0 to {long.MaxValue - 1} so that the next step can be counted.");
        }
        return stepCount;
    }
}
