using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class FortuneWordCorpusTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static string[] Words(WordCorpus corpus, int[] ids) => ids.Select(id => corpus.Vocabulary[id]).ToArray();

    [Fact]
    public void Read_FortuneFiles_SplitsOnPercentLinesInNameOrderAndSkipsIndexesAndEmptyFortunes()
    {
        File.WriteAllText(temp.File("b"), "Second file.\n%\n");
        File.WriteAllText(temp.File("a"), "%\nOne\n  -- Two\n%\n\n%\nThree\n");
        File.WriteAllBytes(temp.File("a.dat"), [0, 1, 2, 255]);

        List<string[]> fortunes = FortuneCookies.Read(temp.Path);

        Assert.Equal([["One", "  -- Two"], ["Three"], ["Second file."]], fortunes);
    }

    [Fact]
    public void Read_MissingFolder_SaysHowToInstallFortunes()
    {
        var e = Assert.Throws<DataFileException>(() => FortuneCookies.Read(temp.File("nowhere")));

        Assert.Contains("apt-get install -y fortunes", e.Message);
        Assert.Contains("--data DIR", e.Message);
    }

    [Fact]
    public void FromFortunes_SplitsByIndexModTen_EightOneOne()
    {
        // Fortune i is one line of i + 1 words, so each part's line lengths say which fortunes it holds.
        var fortunes = Enumerable.Range(0, 30).Select(i => new[] { string.Join(' ', Enumerable.Repeat("x", i + 1)) }).ToList();

        WordCorpus corpus = FortuneWordCorpus.FromFortunes(fortunes);

        int[] LineLengths(int[] ids) => string.Join(' ', Words(corpus, ids)).Split("<eos>", StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length).ToArray();
        Assert.Equal(Enumerable.Range(0, 30).Where(i => i % 10 < 8).Select(i => i + 1), LineLengths(corpus.Train));
        Assert.Equal([9, 19, 29], LineLengths(corpus.Validation));
        Assert.Equal([10, 20, 30], LineLengths(corpus.Test));
    }

    [Fact]
    public void FromFortunes_EndsEveryNonBlankLineWithEos()
    {
        WordCorpus corpus = FortuneWordCorpus.FromFortunes([["Hello, World!", "", "  -- Anon"]]);

        Assert.Equal(["hello", ",", "world", "!", "<eos>", "--", "anon", "<eos>"], Words(corpus, corpus.Train));
    }

    [Fact]
    public void FromFortunes_CapsTheVocabularyAtTheMostFrequentTrainingWords()
    {
        // Training fortunes (indices 0 to 7) use "a" 6 times, "b" 4, "c" 3, "d" twice, "e" once; validation (8) and test (9) add unseen words.
        string[][] fortunes =
        [
            ["a b c"], ["a b d"], ["a b c"], ["a d e"], ["a"], ["a"], ["b"], ["c"], ["a zebra"], ["e yak"],
        ];

        WordCorpus corpus = FortuneWordCorpus.FromFortunes(fortunes, vocabularyCap: 5);

        // The cap of 5 keeps <eos>, <unk> and the three most frequent; d, d and e become <unk>.
        Assert.Equal(["<eos>", "<unk>", "a", "b", "c"], corpus.Vocabulary.Words);
        Assert.Equal(["a", "<unk>", "<eos>"], Words(corpus, corpus.Validation));
        Assert.Equal(["<unk>", "<unk>", "<eos>"], Words(corpus, corpus.Test));
        Assert.Equal(3, Words(corpus, corpus.Train).Count(w => w == "<unk>"));
        Assert.Equal(8, Words(corpus, corpus.Train).Count(w => w == "<eos>"));
    }

    [Fact]
    public void FromFortunes_FrequencyTiesAreBrokenInOrdinalOrder()
    {
        WordCorpus corpus = FortuneWordCorpus.FromFortunes([["pear apple fig apple pear"]], vocabularyCap: 4);

        Assert.Equal(["<eos>", "<unk>", "apple", "pear"], corpus.Vocabulary.Words);
    }

    [Fact]
    public void Load_GeneratedFortuneFolder_BuildsAllThreeParts()
    {
        SyntheticData.WriteFortunes(temp.Path, repeats: 20);

        WordCorpus corpus = FortuneWordCorpus.Load(temp.Path);

        // 60 one-line fortunes: 48 train, 6 validation, 6 test.
        Assert.Equal(48, corpus.Train.Count(id => corpus.Vocabulary[id] == "<eos>"));
        Assert.Equal(6, corpus.Validation.Count(id => corpus.Vocabulary[id] == "<eos>"));
        Assert.Equal(6, corpus.Test.Count(id => corpus.Vocabulary[id] == "<eos>"));
        Assert.DoesNotContain(corpus.Test, id => corpus.Vocabulary[id] == "<unk>");
    }
}
