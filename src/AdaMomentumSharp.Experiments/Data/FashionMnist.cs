namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// Fashion-MNIST (Xiao et al., 2017) from its four IDX files, as the Debian package dataset-fashion-mnist installs them.
/// </summary>
internal static class FashionMnist
{
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";
    public const int Classes = 10;

    // Mean and standard deviation of the training pixels, scaled to [0, 1].
    public const float PixelMean = 0.2860f, PixelStd = 0.3530f;

    /// <summary>Loads the training and test sets.</summary>
    /// <exception cref="DataFileException">A file is missing (the message says how to install it) or malformed.</exception>
    public static (LabeledImages Train, LabeledImages Test) Load(string directory) =>
        (LoadPair(directory, "train"), LoadPair(directory, "t10k"));

    private static LabeledImages LoadPair(string directory, string prefix)
    {
        string imagesPath = Find(directory, $"{prefix}-images-idx3-ubyte");
        string labelsPath = Find(directory, $"{prefix}-labels-idx1-ubyte");
        IdxFile images = IdxFile.Read(imagesPath), labels = IdxFile.Read(labelsPath);
        if (images.Dimensions.Length != 3)
        {
            throw new DataFileException($"{imagesPath}: {images.Dimensions.Length} dimensions; images need 3 (count, height, width).");
        }
        if (labels.Dimensions.Length != 1)
        {
            throw new DataFileException($"{labelsPath}: {labels.Dimensions.Length} dimensions; labels need 1.");
        }
        if (images.Dimensions[0] != labels.Dimensions[0])
        {
            throw new DataFileException($"{imagesPath} holds {images.Dimensions[0]} images but {labelsPath} holds {labels.Dimensions[0]} labels.");
        }
        int bad = Array.FindIndex(labels.Data, label => label >= Classes);
        if (bad >= 0)
        {
            throw new DataFileException($"{labelsPath}: label {labels.Data[bad]} at index {bad}; Fashion-MNIST labels are 0 to 9.");
        }

        var pixels = new float[images.Data.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (images.Data[i] / 255f - PixelMean) / PixelStd;
        }
        return new LabeledImages(pixels, labels.Data.Select(l => (long)l).ToArray(), images.Dimensions[1], images.Dimensions[2]);
    }

    private static string Find(string directory, string name)
    {
        foreach (string candidate in new[] { name + ".gz", name })
        {
            string path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new DataFileException(
            $"Fashion-MNIST file {name}.gz is missing from {directory}. Install the data with " +
            "`sudo apt-get install -y dataset-fashion-mnist` (Debian, Ubuntu), or pass --data DIR pointing at a folder " +
            "with the four IDX files (train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, optionally .gz).");
    }
}
