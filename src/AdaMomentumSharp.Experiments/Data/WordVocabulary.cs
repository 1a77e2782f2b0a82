namespace AdaMomentumSharp.Experiments.Data;

/// <summary>The words of a word-level corpus and their ids, numbered in the order they are first given.</summary>
internal sealed class WordVocabulary
{
    /// <summary>The token that ends every line (sentence) of a corpus.</summary>
    public const string EndOfSentence = "<eos>";

    /// <summary>The token that stands for every word outside the vocabulary.</summary>
    public const string Unknown = "<unk>";

    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly List<string> words = [];

    /// <summary>Numbers the distinct words of <paramref name="wordsInOrder"/> 0, 1, 2, … in order of first appearance.</summary>
    public WordVocabulary(IEnumerable<string> wordsInOrder)
    {
        foreach (string word in wordsInOrder)
        {
            if (ids.TryAdd(word, words.Count))
            {
                words.Add(word);
            }
        }
    }

    public int Count => words.Count;

    public IReadOnlyList<string> Words => words;

    /// <summary>The word with id <paramref name="id"/>.</summary>
    public string this[int id] => words[id];

    public bool TryGetId(string word, out int id) => ids.TryGetValue(word, out id);

    /// <summary>The id of <paramref name="word"/>.</summary>
    /// <exception cref="KeyNotFoundException">The word is not in the vocabulary.</exception>
    public int Id(string word) =>
        ids.TryGetValue(word, out int id) ? id : throw new KeyNotFoundException($"The word \"{word}\" is not in the vocabulary of {Count} words.");
}
