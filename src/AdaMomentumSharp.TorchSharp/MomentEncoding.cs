using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>Which integers a moment's header is written with.</summary>
internal enum MomentLayout
{
    /// <summary>The versioned checkpoint: dtype and rank as int32, each dimension as int64.</summary>
    Versioned,

    /// <summary>TorchSharp's <c>Tensor.Save</c>: dtype, rank and dimensions 7-bit encoded (LEB128).</summary>
    TorchSharp,
}

/// <summary>
/// A moment tensor in a checkpoint: dtype (<see cref="ScalarType"/> code), rank, dimensions, then the elements' raw
/// bytes, row-major in native order (little-endian on every platform TorchSharp ships for). Reading checks dtype,
/// rank and shape against what the parameter needs before allocating anything, so a corrupt header is an
/// <see cref="InvalidDataException"/>, never a native error or an allocation sized by the corrupt bytes.
/// </summary>
internal static class MomentEncoding
{
    // Large enough that a multi-gigabyte moment is not copied a kilobyte at a time (TorchSharp's default).
    private const int CopyBufferBytes = 1 << 20;

    /// <summary>Bytes <see cref="Write"/> writes for <paramref name="moment"/>.</summary>
    public static long SizeOf(Tensor moment) =>
        sizeof(int) + sizeof(int) + sizeof(long) * moment.dim() + moment.numel() * moment.ElementSize;

    /// <summary>Writes <paramref name="moment"/> in the <see cref="MomentLayout.Versioned"/> layout, from any device or memory layout.</summary>
    public static void Write(BinaryWriter writer, Tensor moment)
    {
        writer.Write((int)moment.dtype);
        writer.Write((int)moment.dim());
        foreach (long size in moment.shape)
        {
            writer.Write(size);
        }
        writer.Flush();
        using (torch.NewDisposeScope())
        {
            moment.cpu().contiguous().WriteBytesToStream(writer.BaseStream, CopyBufferBytes);
        }
    }

    /// <summary>Reads a moment that must be <paramref name="dtype"/> shaped <paramref name="shape"/>, into a new CPU tensor.</summary>
    /// <exception cref="InvalidDataException">The checkpoint's moment has another dtype, rank or shape; nothing was allocated.</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the moment.</exception>
    public static Tensor Read(BinaryReader reader, MomentLayout layout, string name, ScalarType dtype, long[] shape)
    {
        long foundDtype = ReadInteger(reader, layout, sizeof(int)), rank = ReadInteger(reader, layout, sizeof(int));
        if (rank != shape.Length)
        {
            throw new InvalidDataException(
                $"The checkpoint's {name} is {(ScalarType)foundDtype} with {rank} dimensions but this parameter's moments are {Describe(dtype, shape)}.");
        }
        long[] found = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            found[i] = ReadInteger(reader, layout, sizeof(long));
        }
        if (foundDtype != (long)dtype || !found.SequenceEqual(shape))
        {
            throw new InvalidDataException(
                $"The checkpoint's {name} is {Describe((ScalarType)foundDtype, found)} but this parameter's moments are {Describe(dtype, shape)}.");
        }
        Stream stream = reader.BaseStream;
        Tensor moment = torch.empty(shape, dtype, torch.CPU).DetachFromDisposeScope();
        try
        {
            long bytes = moment.numel() * moment.ElementSize;
            if (stream.CanSeek && stream.Length - stream.Position < bytes)
            {
                throw new EndOfStreamException($"The checkpoint ends inside {name}: {bytes} bytes needed, {stream.Length - stream.Position} left.");
            }
            moment.ReadBytesFromStream(stream, CopyBufferBytes);
            return moment;
        }
        catch
        {
            moment.Dispose();
            throw;
        }
    }

    /// <summary>"Float32 [3, 4]".</summary>
    public static string Describe(ScalarType dtype, long[] shape) => $"{dtype} [{string.Join(", ", shape)}]";

    private static long ReadInteger(BinaryReader reader, MomentLayout layout, int versionedBytes) => layout switch
    {
        MomentLayout.TorchSharp => reader.Read7BitEncodedInt64(),
        _ => versionedBytes == sizeof(int) ? reader.ReadInt32() : reader.ReadInt64(),
    };
}
