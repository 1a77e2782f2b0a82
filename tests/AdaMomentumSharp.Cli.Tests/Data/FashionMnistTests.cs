using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class FashionMnistTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_GeneratedFiles_ReturnsNormalizedImagesAndLabels()
    {
        SyntheticData.WriteFashionMnist(temp.Path, trainCount: 50, testCount: 20);

        var (train, test) = FashionMnist.Load(temp.Path);

        Assert.Equal((50, 20, 28, 28), (train.Count, test.Count, train.Height, train.Width));
        Assert.Equal(50 * 784, train.Pixels.Length);
        Assert.All(train.Labels, label => Assert.InRange(label, 0, 9));
        Assert.InRange(train.Pixels.Min(), -0.82f, -0.80f);
        Assert.InRange(train.Pixels.Max(), 0.0f, 2.03f);
    }

    [Fact]
    public void Load_MissingFolder_SaysHowToInstallTheData()
    {
        var e = Assert.Throws<DataFileException>(() => FashionMnist.Load(temp.File("nowhere")));

        Assert.Contains("apt-get install -y dataset-fashion-mnist", e.Message);
        Assert.Contains("--data", e.Message);
    }

    [Fact]
    public void Load_LabelAndImageCountsDiffer_NamesBothFiles()
    {
        SyntheticData.WriteFashionMnist(temp.Path, trainCount: 30, testCount: 10);
        IdxFile.Write(temp.File("train-labels-idx1-ubyte.gz"), [29], new byte[29]);

        var e = Assert.Throws<DataFileException>(() => FashionMnist.Load(temp.Path));

        Assert.Contains("train-images-idx3-ubyte.gz holds 30 images", e.Message);
        Assert.Contains("train-labels-idx1-ubyte.gz holds 29 labels", e.Message);
    }

    [Fact]
    public void Load_LabelOutOfRange_NamesTheFileAndIndex()
    {
        SyntheticData.WriteFashionMnist(temp.Path, trainCount: 30, testCount: 10);
        var labels = new byte[10];
        labels[4] = 12;
        IdxFile.Write(temp.File("t10k-labels-idx1-ubyte.gz"), [10], labels);

        var e = Assert.Throws<DataFileException>(() => FashionMnist.Load(temp.Path));

        Assert.Contains("t10k-labels-idx1-ubyte.gz: label 12 at index 4", e.Message);
    }

    [Fact]
    public void Load_TruncatedImageFile_NamesIt()
    {
        SyntheticData.WriteFashionMnist(temp.Path, trainCount: 30, testCount: 10);
        string path = temp.File("t10k-images-idx3-ubyte");
        IdxFile.Write(path, [10, 28, 28], new byte[10 * 784]);
        File.Delete(temp.File("t10k-images-idx3-ubyte.gz"));
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..^100]);

        var e = Assert.Throws<DataFileException>(() => FashionMnist.Load(temp.Path));

        Assert.StartsWith(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }
}
