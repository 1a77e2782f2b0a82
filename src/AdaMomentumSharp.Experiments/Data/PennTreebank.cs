namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// The Penn Treebank word-level corpus as Mikolov et al. (2010) prepared it and AWD-LSTM (Merity et al., 2018) reads
/// it: one sentence per line, words split on whitespace, <c>&lt;eos&gt;</c> appended to every line, <c>&lt;unk&gt;</c>
/// an ordinary word. The vocabulary is the training file's words in order of first appearance (10,000 with
/// <c>&lt;eos&gt;</c>); the official parts hold 929,589, 73,760 and 82,430 tokens.
/// </summary>
/// <remarks>
/// The corpus is closed-vocabulary: rare words were replaced by <c>&lt;unk&gt;</c> in all three files before release,
/// so a validation or test word missing from the training file means the files are not that corpus, and loading stops
/// with an error naming the file, line and word rather than quietly mapping it to <c>&lt;unk&gt;</c>.
/// </remarks>
internal static class PennTreebank
{
    private const string Download = "http://www.fit.vutbr.cz/~imikolov/rnnlm/simple-examples.tgz";

    /// <summary>
    /// Loads the three parts from <paramref name="directory"/>: ptb.train.txt, ptb.valid.txt and ptb.test.txt, or
    /// train.txt, valid.txt and test.txt as AWD-LSTM's getdata.sh renames them.
    /// </summary>
    /// <exception cref="DataFileException">A file is missing (the message says where to get it) or uses a word the training file does not.</exception>
    public static WordCorpus Load(string directory)
    {
        string trainPath = Find(directory, "train"), validationPath = Find(directory, "valid"), testPath = Find(directory, "test");
        string[][] trainLines = ReadLines(trainPath);
        var vocabulary = new WordVocabulary(trainLines.SelectMany(line => line));
        return new WordCorpus(
            vocabulary, Encode(trainPath, trainLines, vocabulary), Encode(validationPath, ReadLines(validationPath), vocabulary),
            Encode(testPath, ReadLines(testPath), vocabulary));
    }

    /// <summary>Each line's words, split on whitespace, followed by <c>&lt;eos&gt;</c>.</summary>
    private static string[][] ReadLines(string path) =>
        File.ReadLines(path)
            .Select(line => line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Append(WordVocabulary.EndOfSentence).ToArray())
            .ToArray();

    private static int[] Encode(string path, string[][] lines, WordVocabulary vocabulary)
    {
        var ids = new List<int>();
        for (int line = 0; line < lines.Length; line++)
        {
            foreach (string word in lines[line])
            {
                if (!vocabulary.TryGetId(word, out int id))
                {
                    throw new DataFileException(
                        $"{path}, line {line + 1}: the word \"{word}\" is not in the training file's vocabulary. Penn Treebank is " +
                        $"closed-vocabulary (rare words are already {WordVocabulary.Unknown} in all three files), so these are not its files.");
                }
                ids.Add(id);
            }
        }
        return ids.ToArray();
    }

    private static string Find(string directory, string part)
    {
        foreach (string name in new[] { $"ptb.{part}.txt", $"{part}.txt" })
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }
        throw new DataFileException(
            $"Penn Treebank file ptb.{part}.txt is missing from {directory}. Download {Download}, extract it with " +
            "`tar xzf simple-examples.tgz`, and pass --data DIR pointing at simple-examples/data, which holds ptb.train.txt, " +
            "ptb.valid.txt and ptb.test.txt (AWD-LSTM's names train.txt, valid.txt and test.txt work too).");
    }
}
