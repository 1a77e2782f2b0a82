using TorchSharp;

namespace AdaMomentumSharp.Experiments.Data;

/// <summary>CIFAR-10 or CIFAR-100 from the official binary version, as normalized float images.</summary>
internal static class Cifar
{
    /// <summary>
    /// Loads the training set (the training files' records in order) and the test set from <paramref name="directory"/>,
    /// which is either the folder the archive extracts to or the folder holding it.
    /// </summary>
    /// <exception cref="DataFileException">A file is missing (the message says where to download it) or malformed.</exception>
    public static (ColorImages Train, ColorImages Test) Load(string directory, CifarVariant variant)
    {
        string folder = Directory.Exists(Path.Combine(directory, variant.FolderName)) ? Path.Combine(directory, variant.FolderName) : directory;
        CifarBinaryFile[] trainParts = variant.TrainFiles.Select(name => CifarBinaryFile.Read(Find(folder, name, variant), variant)).ToArray();
        CifarBinaryFile test = CifarBinaryFile.Read(Find(folder, variant.TestFile, variant), variant);
        return (ToImages(CifarBinaryFile.Concat(trainParts), variant), ToImages(test, variant));
    }

    private static ColorImages ToImages(CifarBinaryFile file, CifarVariant variant)
    {
        using var scope = torch.NewDisposeScope();
        var bytes = torch.tensor(file.Pixels, [file.Count, CifarVariant.Channels, CifarVariant.Side, CifarVariant.Side]);
        return new ColorImages(variant.Statistics.Normalize(bytes), torch.tensor(file.Labels), variant.Classes);
    }

    private static string Find(string folder, string name, CifarVariant variant)
    {
        string path = Path.Combine(folder, name);
        return File.Exists(path)
            ? path
            : throw new DataFileException($"{variant.Name} file {name} is missing from {folder}. {variant.InstallHint}");
    }
}
