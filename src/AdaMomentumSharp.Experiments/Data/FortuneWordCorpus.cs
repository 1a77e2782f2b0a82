namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// A word-level corpus made from the fortunes package so the language-model task runs without Penn Treebank. Each
/// non-blank line of a fortune becomes <see cref="EnglishWords"/> tokens followed by <c>&lt;eos&gt;</c>. Fortunes are
/// split by their index in reading order (<see cref="FortuneCookies.Read"/>): index mod 10 of 0 to 7 trains, 8
/// validates, 9 tests, an 80/10/10 split that spreads every file over all three parts. The vocabulary, like Penn
/// Treebank's, is capped: <c>&lt;eos&gt;</c>, <c>&lt;unk&gt;</c>, then the training part's most frequent words (ties in
/// ordinal order) up to the cap; every other word, in every part, becomes <c>&lt;unk&gt;</c>.
/// </summary>
internal static class FortuneWordCorpus
{
    public const int DefaultVocabularyCap = 10_000;

    /// <summary>Reads the fortunes in <paramref name="directory"/> and builds the corpus.</summary>
    /// <exception cref="DataFileException">The folder is missing or holds no fortune.</exception>
    public static WordCorpus Load(string directory, int vocabularyCap = DefaultVocabularyCap) =>
        FromFortunes(FortuneCookies.Read(directory), vocabularyCap);

    /// <summary>Builds the corpus from fortunes given as their lines, in reading order.</summary>
    public static WordCorpus FromFortunes(IReadOnlyList<string[]> fortunes, int vocabularyCap = DefaultVocabularyCap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vocabularyCap, 3);
        var parts = new[] { new List<string>(), new List<string>(), new List<string>() };
        for (int i = 0; i < fortunes.Count; i++)
        {
            List<string> part = parts[(i % 10) switch { < 8 => 0, 8 => 1, _ => 2 }];
            foreach (string line in fortunes[i].Where(line => !string.IsNullOrWhiteSpace(line)))
            {
                part.AddRange(EnglishWords.Tokenize(line));
                part.Add(WordVocabulary.EndOfSentence);
            }
        }

        IEnumerable<string> frequent = parts[0]
            .Where(word => word is not (WordVocabulary.EndOfSentence or WordVocabulary.Unknown))
            .CountBy(word => word)
            .OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Take(vocabularyCap - 2)
            .Select(pair => pair.Key);
        var vocabulary = new WordVocabulary(new[] { WordVocabulary.EndOfSentence, WordVocabulary.Unknown }.Concat(frequent));
        int unknown = vocabulary.Id(WordVocabulary.Unknown);
        int[] Encode(List<string> words) => words.Select(word => vocabulary.TryGetId(word, out int id) ? id : unknown).ToArray();
        return new WordCorpus(vocabulary, Encode(parts[0]), Encode(parts[1]), Encode(parts[2]));
    }
}
