using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;

namespace AdaMomentumSharp;

/// <summary>
/// The versioned binary format of <see cref="AdaMomentumOptimizer{T}"/> state, little-endian:
/// <code>
/// "AMOMSTAT"  u32 version  u8 elementBytes
/// f64 lr, β1, β2, eps, wd   u8 flags (decoupled, amsgrad, maximize, rectify)   u8 nonFiniteGradients
/// i64 stepCount   i32 bufferCount
/// per buffer: i64 length  u8 hasMax  m[length]  v[length]  (vmax[length] when hasMax)
/// u64 FNV-1a of every byte above
/// </code>
/// Reading checks every field and the checksum before returning, so a truncated or corrupt stream is
/// rejected with <see cref="InvalidDataException"/> instead of yielding garbage.
/// </summary>
internal static class AdaMomentumStateFormat
{
    public const int Version = 1;
    private static readonly byte[] Magic = "AMOMSTAT"u8.ToArray();

    public static unsafe void Write<T>(Stream destination, AdaMomentumState<T> state)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var hashing = new Fnv1aStream(destination);
        using (var writer = new BinaryWriter(hashing, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write((byte)sizeof(T));
            AdaMomentumOptions o = state.Options;
            writer.Write(o.LearningRate);
            writer.Write(o.Beta1);
            writer.Write(o.Beta2);
            writer.Write(o.Epsilon);
            writer.Write(o.WeightDecay);
            writer.Write((byte)((o.DecoupledWeightDecay ? 1 : 0) | (o.AmsGrad ? 2 : 0) | (o.Maximize ? 4 : 0) | (o.Rectify ? 8 : 0)));
            writer.Write((byte)o.NonFiniteGradients);
            writer.Write(state.StepCount);
            writer.Write(state.Buffers.Length);
            foreach (BufferMoments<T> buffer in state.Buffers)
            {
                writer.Write((long)buffer.ExpAvg.Length);
                writer.Write(buffer.MaxExpAvgSq is not null);
                writer.Write(MemoryMarshal.AsBytes(buffer.ExpAvg.AsSpan()));
                writer.Write(MemoryMarshal.AsBytes(buffer.ExpAvgSq.AsSpan()));
                if (buffer.MaxExpAvgSq is not null)
                {
                    writer.Write(MemoryMarshal.AsBytes(buffer.MaxExpAvgSq.AsSpan()));
                }
            }
        }
        ulong hash = hashing.Hash;
        Span<byte> trailer = stackalloc byte[sizeof(ulong)];
        BitConverter.TryWriteBytes(trailer, hash);
        destination.Write(trailer);
    }

    public static AdaMomentumState<T> Read<T>(Stream source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            return ReadUnchecked<T>(source);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The AdaMomentum state stream is truncated: it ended before the state was complete.", e);
        }
    }

    private static unsafe AdaMomentumState<T> ReadUnchecked<T>(Stream source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var hashing = new Fnv1aStream(source);
        AdaMomentumState<T> state;
        using (var reader = new BinaryReader(hashing, Encoding.UTF8, leaveOpen: true))
        {
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException("The stream is not an AdaMomentum state: its first bytes are not \"AMOMSTAT\".");
            }
            int version = reader.ReadInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"The AdaMomentum state has format version {version}; this library reads version {Version}.");
            }
            int elementBytes = reader.ReadByte();
            if (elementBytes != sizeof(T))
            {
                throw new InvalidDataException(
                    $"The AdaMomentum state holds {elementBytes}-byte elements but this optimizer uses {typeof(T).Name} ({sizeof(T)} bytes).");
            }
            AdaMomentumOptions options = ReadOptions(reader);
            long stepCount = reader.ReadInt64();
            if (stepCount < 0)
            {
                throw new InvalidDataException($"The AdaMomentum state has a negative step count ({stepCount}).");
            }
            int bufferCount = reader.ReadInt32();
            if (bufferCount < 0)
            {
                throw new InvalidDataException($"The AdaMomentum state has a negative buffer count ({bufferCount}).");
            }
            var buffers = new BufferMoments<T>[bufferCount];
            for (int i = 0; i < bufferCount; i++)
            {
                buffers[i] = ReadBuffer<T>(reader, i, source);
            }
            state = new AdaMomentumState<T>(options, stepCount, buffers);
        }

        ulong computed = hashing.Hash;
        Span<byte> trailer = stackalloc byte[sizeof(ulong)];
        source.ReadExactly(trailer);
        if (BitConverter.ToUInt64(trailer) != computed)
        {
            throw new InvalidDataException("The AdaMomentum state is corrupt: its checksum does not match its contents.");
        }
        return state;
    }

    private static AdaMomentumOptions ReadOptions(BinaryReader reader)
    {
        double lr = reader.ReadDouble(), beta1 = reader.ReadDouble(), beta2 = reader.ReadDouble();
        double eps = reader.ReadDouble(), weightDecay = reader.ReadDouble();
        byte flags = reader.ReadByte();
        byte policy = reader.ReadByte();
        var options = new AdaMomentumOptions
        {
            LearningRate = lr,
            Beta1 = beta1,
            Beta2 = beta2,
            Epsilon = eps,
            WeightDecay = weightDecay,
            DecoupledWeightDecay = (flags & 1) != 0,
            AmsGrad = (flags & 2) != 0,
            Maximize = (flags & 4) != 0,
            Rectify = (flags & 8) != 0,
            NonFiniteGradients = (NonFiniteGradients)policy,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The AdaMomentum state holds invalid options: {e.Message}", e);
        }
        return options;
    }

    private static unsafe BufferMoments<T> ReadBuffer<T>(BinaryReader reader, int index, Stream source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        long length = reader.ReadInt64();
        if (length < 0 || length > Array.MaxLength)
        {
            throw new InvalidDataException($"Buffer {index} of the AdaMomentum state claims {length} elements.");
        }
        bool hasMax = reader.ReadBoolean();
        // Refuse a length the stream cannot hold before allocating for it: a corrupt length must not cost gigabytes.
        if (source.CanSeek && (hasMax ? 3 : 2) * length * sizeof(T) > source.Length - source.Position)
        {
            throw new InvalidDataException(
                $"The AdaMomentum state stream is truncated: buffer {index} needs {length} elements but the stream ends first.");
        }
        var moments = BufferMoments<T>.Zeros((int)length, hasMax);
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(moments.ExpAvg.AsSpan()));
        reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(moments.ExpAvgSq.AsSpan()));
        if (moments.MaxExpAvgSq is not null)
        {
            reader.BaseStream.ReadExactly(MemoryMarshal.AsBytes(moments.MaxExpAvgSq.AsSpan()));
        }
        return moments;
    }
}
