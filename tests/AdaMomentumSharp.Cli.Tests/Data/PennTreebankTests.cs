using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class PennTreebankTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    // The official files' own shape: a leading space, words split by single spaces, <unk> and N in the text.
    private void WriteOfficialLayout(string prefix = "ptb.")
    {
        File.WriteAllText(temp.File($"{prefix}train.txt"), " the cat sat \n the <unk> ran N times \n\n");
        File.WriteAllText(temp.File($"{prefix}valid.txt"), " the cat ran \n");
        File.WriteAllText(temp.File($"{prefix}test.txt"), " <unk> sat \n the N \n");
    }

    private static string[] Words(WordCorpus corpus, int[] ids) => ids.Select(id => corpus.Vocabulary[id]).ToArray();

    [Fact]
    public void Load_OfficialLayout_AppendsEosToEveryLineAndNumbersWordsByFirstAppearance()
    {
        WriteOfficialLayout();

        WordCorpus corpus = PennTreebank.Load(temp.Path);

        Assert.Equal(["the", "cat", "sat", "<eos>", "<unk>", "ran", "N", "times"], corpus.Vocabulary.Words);
        Assert.Equal([0, 1, 2, 3, 0, 4, 5, 6, 7, 3, 3], corpus.Train);
        Assert.Equal(["the", "cat", "ran", "<eos>"], Words(corpus, corpus.Validation));
        Assert.Equal(["<unk>", "sat", "<eos>", "the", "N", "<eos>"], Words(corpus, corpus.Test));
    }

    [Fact]
    public void Load_AwdLstmFileNames_AreAccepted()
    {
        WriteOfficialLayout(prefix: "");

        WordCorpus corpus = PennTreebank.Load(temp.Path);

        Assert.Equal((11, 4, 6), (corpus.Train.Length, corpus.Validation.Length, corpus.Test.Length));
    }

    [Fact]
    public void Load_TestWordOutsideTheTrainingVocabulary_NamesTheFileLineAndWord()
    {
        WriteOfficialLayout();
        File.WriteAllText(temp.File("ptb.test.txt"), " the cat \n the dog sat \n");

        var e = Assert.Throws<DataFileException>(() => PennTreebank.Load(temp.Path));

        Assert.StartsWith($"{temp.File("ptb.test.txt")}, line 2: the word \"dog\" is not in the training file's vocabulary.", e.Message);
        Assert.Contains("closed-vocabulary", e.Message);
    }

    [Fact]
    public void Load_MissingValidationFile_SaysWhereToGetTheCorpus()
    {
        WriteOfficialLayout();
        File.Delete(temp.File("ptb.valid.txt"));

        var e = Assert.Throws<DataFileException>(() => PennTreebank.Load(temp.Path));

        Assert.StartsWith($"Penn Treebank file ptb.valid.txt is missing from {temp.Path}.", e.Message);
        Assert.Contains("http://www.fit.vutbr.cz/~imikolov/rnnlm/simple-examples.tgz", e.Message);
        Assert.Contains("--data DIR pointing at simple-examples/data", e.Message);
    }
}
