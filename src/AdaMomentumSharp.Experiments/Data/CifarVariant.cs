namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// What tells CIFAR-10 from CIFAR-100 (Krizhevsky, 2009) in their official binary versions: file names, how many label
/// bytes open each record, which of them is the class, and where to download them.
/// </summary>
/// <param name="Name">The data set's name, for messages.</param>
/// <param name="FolderName">The folder the official archive extracts to.</param>
/// <param name="Archive">The official binary archive.</param>
/// <param name="TrainFiles">The training files, in the order their records are concatenated.</param>
/// <param name="TestFile">The test file.</param>
/// <param name="LabelBytes">Label bytes before each image's 3072 pixel bytes.</param>
/// <param name="LabelLimits">The exclusive upper bound of each label byte (CIFAR-100: 20 coarse, 100 fine classes).</param>
/// <param name="ClassLabel">Which label byte is the class we train on.</param>
/// <param name="Statistics">The channel statistics images are normalized with.</param>
internal sealed record CifarVariant(
    string Name, string FolderName, string Archive, string[] TrainFiles, string TestFile,
    int LabelBytes, int[] LabelLimits, int ClassLabel, ChannelStatistics Statistics)
{
    public const int Channels = 3, Side = 32, PixelBytes = Channels * Side * Side;

    public static CifarVariant Cifar10 { get; } = new(
        "CIFAR-10", "cifar-10-batches-bin", "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz",
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"], "test_batch.bin",
        LabelBytes: 1, LabelLimits: [10], ClassLabel: 0, ChannelStatistics.Cifar10);

    /// <summary>CIFAR-100 with its 100 fine labels (the second label byte; the first is one of 20 coarse superclasses).</summary>
    public static CifarVariant Cifar100 { get; } = new(
        "CIFAR-100", "cifar-100-binary", "https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz",
        ["train.bin"], "test.bin",
        LabelBytes: 2, LabelLimits: [20, 100], ClassLabel: 1, ChannelStatistics.Cifar100);

    public int Classes => LabelLimits[ClassLabel];

    public int RecordBytes => LabelBytes + PixelBytes;

    /// <summary>Names a label byte in messages: "label" when there is one, "coarse label" and "fine label" for CIFAR-100.</summary>
    public string LabelName(int labelByte) => LabelBytes == 1 ? "label" : labelByte == 0 ? "coarse label" : "fine label";

    /// <summary>Where to get the files and how to lay them out, for the messages of missing files.</summary>
    public string InstallHint =>
        $"Download the binary version of {Name} ({Archive}), extract it with `tar xzf {Path.GetFileName(Archive)}`, and pass " +
        $"--data DIR pointing at the folder {FolderName} (or its parent), which holds {string.Join(", ", TrainFiles)} and {TestFile}.";
}
