using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class TextCorpusTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Load_ReadsTextFilesOnly_AndSplits90_5_5InOrder()
    {
        SyntheticData.WriteFortunes(temp.Path);
        File.CreateSymbolicLink(temp.File("file0.u8"), temp.File("file0"));

        TextCorpus corpus = TextCorpus.Load(temp.Path);

        int total = corpus.Train.Length + corpus.Validation.Length + corpus.Test.Length;
        int expected = Directory.GetFiles(temp.Path).Where(f => Path.GetExtension(f) == "").Sum(f => File.ReadAllText(f).Length);
        Assert.Equal(expected, total);
        Assert.Equal(total * 90 / 100, corpus.Train.Length);
        Assert.DoesNotContain('\uFFFD', corpus.Alphabet);
        Assert.Equal(corpus.Alphabet.Distinct().Count(), corpus.Alphabet.Length);
        string decoded = new(corpus.Train.Take(20).Select(i => corpus.Alphabet[i]).ToArray());
        Assert.StartsWith("A journey of a thous", decoded);
    }

    [Fact]
    public void Load_MissingFolder_SaysHowToInstallFortunes()
    {
        var e = Assert.Throws<DataFileException>(() => TextCorpus.Load(temp.File("missing")));

        Assert.Contains("apt-get install -y fortunes", e.Message);
    }

    [Fact]
    public void Load_TooLittleText_SaysHowMuchItFound()
    {
        File.WriteAllText(temp.File("tiny"), "short");

        var e = Assert.Throws<DataFileException>(() => TextCorpus.Load(temp.Path));

        Assert.Contains("5 characters of text in 1 files", e.Message);
    }
}
