using AdaMomentumSharp.Experiments.Data;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class CifarTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string Folder(CifarVariant variant) => Path.Combine(temp.Path, variant.FolderName);

    [Fact]
    public void Load_Cifar10_ConcatenatesTheFiveBatchesInOrderAndKeepsTheTestBatchApart()
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10, recordsPerFile: 10);

        var (train, test) = Cifar.Load(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10);
        using (train)
        using (test)
        {
            Assert.Equal([50, 3, 32, 32], train.Images.shape);
            Assert.Equal([10, 3, 32, 32], test.Images.shape);
            Assert.Equal(torch.ScalarType.Float32, train.Images.dtype);
            Assert.Equal(10, train.Classes);
            Assert.Equal(Enumerable.Range(0, 50).Select(n => (long)SyntheticCifar.Label(n, 10)), train.Labels.data<long>().ToArray());
            Assert.Equal(Enumerable.Range(50, 10).Select(n => (long)SyntheticCifar.Label(n, 10)), test.Labels.data<long>().ToArray());
        }
    }

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(13, 1, 0, 31)]
    [InlineData(27, 2, 31, 0)]
    [InlineData(49, 1, 17, 5)]
    public void Load_Cifar10_PlacesEachByteAtItsChannelRowAndColumn_Normalized(int n, int c, int y, int x)
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10);

        var (train, test) = Cifar.Load(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10);
        using (train)
        using (test)
        {
            var stats = ChannelStatistics.Cifar10;
            float expected = (SyntheticCifar.Pixel(n, c, y, x) / 255f - stats.Mean[c]) / stats.Std[c];
            Assert.Equal(expected, train.Images[n, c, y, x].item<float>(), 1e-5f);
        }
    }

    [Fact]
    public void Load_Cifar10_EveryPixelMatchesTheFileLayout()
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10, recordsPerFile: 2);

        var (train, test) = Cifar.Load(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10);
        using (train)
        using (test)
        {
            float[] pixels = test.Images.data<float>().ToArray();
            var stats = ChannelStatistics.Cifar10;
            double worst = 0;
            for (int i = 0; i < pixels.Length; i++)
            {
                int n = i / 3072, c = i / 1024 % 3, y = i / 32 % 32, x = i % 32;
                double expected = (SyntheticCifar.Pixel(10 + n, c, y, x) / 255.0 - stats.Mean[c]) / stats.Std[c];
                worst = Math.Max(worst, Math.Abs(pixels[i] - expected));
            }
            Assert.InRange(worst, 0, 1e-6);
        }
    }

    [Fact]
    public void Load_Cifar100_UsesTheFineLabelAndCifar100Statistics()
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar100), CifarVariant.Cifar100, recordsPerFile: 30);

        var (train, test) = Cifar.Load(Folder(CifarVariant.Cifar100), CifarVariant.Cifar100);
        using (train)
        using (test)
        {
            Assert.Equal((30, 30, 100), (train.Count, test.Count, train.Classes));
            Assert.Equal(Enumerable.Range(0, 30).Select(n => (long)SyntheticCifar.Label(n, 100)), train.Labels.data<long>().ToArray());
            Assert.Contains(train.Labels.data<long>().ToArray(), label => label >= 20);
            var stats = ChannelStatistics.Cifar100;
            float expected = (SyntheticCifar.Pixel(34, 2, 9, 30) / 255f - stats.Mean[2]) / stats.Std[2];
            Assert.Equal(expected, test.Images[4, 2, 9, 30].item<float>(), 1e-5f);
        }
    }

    [Fact]
    public void Load_ParentOfTheExtractedFolder_FindsTheFiles()
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10, recordsPerFile: 1);

        var (train, test) = Cifar.Load(temp.Path, CifarVariant.Cifar10);
        using (train)
        using (test)
        {
            Assert.Equal((5, 1), (train.Count, test.Count));
        }
    }

    [Fact]
    public void Normalize_BlackAndWhite_MapToMinusMeanOverStdAndOneMinusMeanOverStd()
    {
        var stats = ChannelStatistics.Cifar10;
        using var bytes = torch.tensor(new byte[] { 0, 255, 0, 255, 0, 255 }, [1, 3, 1, 2]);

        using var normalized = stats.Normalize(bytes);

        float[] values = normalized.data<float>().ToArray();
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(stats.BlackLevel[c], values[2 * c], 1e-6f);
            Assert.Equal((1 - stats.Mean[c]) / stats.Std[c], values[2 * c + 1], 1e-6f);
        }
        Assert.Equal(-0.4914f / 0.2470f, stats.BlackLevel[0], 1e-6f);
    }

    [Fact]
    public void Load_MissingBatch_NamesItAndSaysWhereToDownloadAndHowToLayItOut()
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10, recordsPerFile: 1);
        File.Delete(Path.Combine(Folder(CifarVariant.Cifar10), "data_batch_4.bin"));

        var e = Assert.Throws<DataFileException>(() => Cifar.Load(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10));

        Assert.StartsWith($"CIFAR-10 file data_batch_4.bin is missing from {Folder(CifarVariant.Cifar10)}.", e.Message);
        Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", e.Message);
        Assert.Contains("--data DIR pointing at the folder cifar-10-batches-bin", e.Message);
        Assert.Contains("data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin and test_batch.bin", e.Message);
    }

    [Fact]
    public void Load_MissingCifar100Folder_PointsAtTheCifar100Archive()
    {
        var e = Assert.Throws<DataFileException>(() => Cifar.Load(temp.File("nowhere"), CifarVariant.Cifar100));

        Assert.StartsWith("CIFAR-100 file train.bin is missing", e.Message);
        Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz", e.Message);
        Assert.Contains("cifar-100-binary (or its parent), which holds train.bin and test.bin", e.Message);
    }

    [Fact]
    public void Load_SizeNotAWholeNumberOfRecords_NamesTheFileAndTheRecordSize()
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10, recordsPerFile: 10);
        string path = Path.Combine(Folder(CifarVariant.Cifar10), "test_batch.bin");
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^1]);

        var e = Assert.Throws<DataFileException>(() => Cifar.Load(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10));

        Assert.StartsWith($"{path}: 30729 bytes is not a positive whole number of 3073-byte records (1 label byte + 3072 pixel bytes)", e.Message);
    }

    [Fact]
    public void Load_Cifar100RecordsReadAsCifar10Size_AreRejected()
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar100), CifarVariant.Cifar100, recordsPerFile: 3);
        string path = Path.Combine(Folder(CifarVariant.Cifar100), "train.bin");
        File.WriteAllBytes(path, new byte[3 * 3073]);

        var e = Assert.Throws<DataFileException>(() => Cifar.Load(Folder(CifarVariant.Cifar100), CifarVariant.Cifar100));

        Assert.StartsWith($"{path}: 9219 bytes is not a positive whole number of 3074-byte records (2 label bytes + 3072 pixel bytes)", e.Message);
    }

    [Fact]
    public void Load_EmptyFile_IsRejected()
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10, recordsPerFile: 1);
        string path = Path.Combine(Folder(CifarVariant.Cifar10), "data_batch_1.bin");
        File.WriteAllBytes(path, []);

        var e = Assert.Throws<DataFileException>(() => Cifar.Load(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10));

        Assert.StartsWith($"{path}: 0 bytes", e.Message);
    }

    [Fact]
    public void Load_Cifar10LabelOutOfRange_NamesTheFileRecordAndRange()
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10, recordsPerFile: 10);
        string path = Path.Combine(Folder(CifarVariant.Cifar10), "data_batch_2.bin");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[3 * 3073] = 10;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DataFileException>(() => Cifar.Load(Folder(CifarVariant.Cifar10), CifarVariant.Cifar10));

        Assert.Equal($"{path}: label 10 in record 3; CIFAR-10 labels are 0 to 9.", e.Message);
    }

    [Theory]
    [InlineData(0, 20, "coarse label 20 in record 2; CIFAR-100 coarse labels are 0 to 19.")]
    [InlineData(1, 100, "fine label 100 in record 2; CIFAR-100 fine labels are 0 to 99.")]
    public void Load_Cifar100LabelOutOfRange_NamesWhichLabel(int labelByte, byte value, string message)
    {
        SyntheticCifar.Write(Folder(CifarVariant.Cifar100), CifarVariant.Cifar100, recordsPerFile: 5);
        string path = Path.Combine(Folder(CifarVariant.Cifar100), "test.bin");
        byte[] bytes = File.ReadAllBytes(path);
        bytes[2 * 3074 + labelByte] = value;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DataFileException>(() => Cifar.Load(Folder(CifarVariant.Cifar100), CifarVariant.Cifar100));

        Assert.Equal($"{path}: {message}", e.Message);
    }
}
