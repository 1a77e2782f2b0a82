using System.Buffers.Binary;
using System.IO.Compression;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Experiments.Data;

/// <summary>An IDX array of unsigned bytes (the MNIST format), plain or gzip-compressed.</summary>
/// <param name="Dimensions">Sizes of the dimensions, outermost first.</param>
/// <param name="Data">The elements in row-major order.</param>
internal sealed record IdxFile(int[] Dimensions, byte[] Data)
{
    private const byte UnsignedByteType = 0x08;

    /// <summary>Reads and checks an IDX file: magic number, element type, dimensions and exact length.</summary>
    /// <exception cref="DataFileException">The file is malformed; the message names it.</exception>
    public static IdxFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = Decompressed(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new DataFileException($"{path}: not a valid gzip stream ({e.Message}).", e);
        }

        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
        {
            throw new DataFileException($"{path}: bad magic number; an IDX file starts with two zero bytes, a type byte and a dimension count.");
        }
        if (bytes[2] != UnsignedByteType)
        {
            throw new DataFileException($"{path}: element type 0x{bytes[2]:x2} is not supported; expected 0x08 (unsigned byte).");
        }
        int rank = bytes[3];
        if (rank is < 1 or > 4)
        {
            throw new DataFileException($"{path}: {rank} dimensions; expected 1 to 4.");
        }
        int headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength)
        {
            throw new DataFileException($"{path}: truncated inside the header ({bytes.Length} bytes).");
        }

        var dimensions = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (dimensions[i] <= 0)
            {
                throw new DataFileException($"{path}: dimension {i} has size {dimensions[i]}.");
            }
            count *= dimensions[i];
        }
        long actual = bytes.Length - headerLength;
        if (actual != count)
        {
            string what = actual < count ? "truncated" : "longer than its header says";
            throw new DataFileException($"{path}: {what}: the header promises {count} bytes of data ({string.Join(" × ", dimensions)}) but {actual} follow.");
        }
        return new IdxFile(dimensions, bytes[headerLength..]);
    }

    /// <summary>Writes an IDX file, gzip-compressed when the path ends in .gz (used for tests and tools).</summary>
    public static void Write(string path, int[] dimensions, byte[] data)
    {
        using var output = new MemoryStream();
        output.Write([0, 0, UnsignedByteType, (byte)dimensions.Length]);
        Span<byte> size = stackalloc byte[4];
        foreach (int dimension in dimensions)
        {
            BinaryPrimitives.WriteInt32BigEndian(size, dimension);
            output.Write(size);
        }
        output.Write(data);
        AtomicFile.Write(path, stream =>
        {
            if (path.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true);
                output.WriteTo(gzip);
            }
            else
            {
                output.WriteTo(stream);
            }
        });
    }

    private static byte[] Decompressed(byte[] bytes)
    {
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
        {
            return bytes;
        }
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
