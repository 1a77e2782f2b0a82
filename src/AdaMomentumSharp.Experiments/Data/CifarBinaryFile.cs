namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// One file of a CIFAR binary version: fixed-size records of label bytes then 3072 pixel bytes, the red plane, then
/// green, then blue, each 32 rows of 32 bytes, top row first.
/// </summary>
/// <param name="Pixels">Every record's pixel bytes, concatenated: [records, 3, 32, 32] in row-major order.</param>
/// <param name="Labels">Every record's class label (the variant's <see cref="CifarVariant.ClassLabel"/> byte).</param>
internal sealed record CifarBinaryFile(byte[] Pixels, long[] Labels)
{
    public int Count => Labels.Length;

    /// <summary>Reads and checks a file: whole records only, at least one, every label byte within its range.</summary>
    /// <exception cref="DataFileException">The file is malformed; the message names it and the rule it breaks.</exception>
    public static CifarBinaryFile Read(string path, CifarVariant variant)
    {
        byte[] bytes = File.ReadAllBytes(path);
        int recordBytes = variant.RecordBytes;
        if (bytes.Length == 0 || bytes.Length % recordBytes != 0)
        {
            throw new DataFileException(
                $"{path}: {bytes.Length} bytes is not a positive whole number of {recordBytes}-byte records " +
                $"({variant.LabelBytes} label byte{(variant.LabelBytes == 1 ? "" : "s")} + {CifarVariant.PixelBytes} pixel bytes); " +
                $"the file is truncated or not the binary version of {variant.Name}.");
        }

        int count = bytes.Length / recordBytes;
        var pixels = new byte[count * CifarVariant.PixelBytes];
        var labels = new long[count];
        for (int record = 0; record < count; record++)
        {
            int start = record * recordBytes;
            for (int labelByte = 0; labelByte < variant.LabelBytes; labelByte++)
            {
                int label = bytes[start + labelByte], limit = variant.LabelLimits[labelByte];
                if (label >= limit)
                {
                    throw new DataFileException(
                        $"{path}: {variant.LabelName(labelByte)} {label} in record {record}; {variant.Name} {variant.LabelName(labelByte)}s are 0 to {limit - 1}.");
                }
            }
            labels[record] = bytes[start + variant.ClassLabel];
            bytes.AsSpan(start + variant.LabelBytes, CifarVariant.PixelBytes).CopyTo(pixels.AsSpan(record * CifarVariant.PixelBytes));
        }
        return new CifarBinaryFile(pixels, labels);
    }

    /// <summary>The records of <paramref name="parts"/> one after the other, in the order given.</summary>
    public static CifarBinaryFile Concat(IReadOnlyList<CifarBinaryFile> parts)
    {
        var pixels = new byte[parts.Sum(part => (long)part.Pixels.Length)];
        var labels = new long[parts.Sum(part => part.Count)];
        int pixelOffset = 0, labelOffset = 0;
        foreach (CifarBinaryFile part in parts)
        {
            part.Pixels.CopyTo(pixels, pixelOffset);
            part.Labels.CopyTo(labels, labelOffset);
            pixelOffset += part.Pixels.Length;
            labelOffset += part.Count;
        }
        return new CifarBinaryFile(pixels, labels);
    }
}
