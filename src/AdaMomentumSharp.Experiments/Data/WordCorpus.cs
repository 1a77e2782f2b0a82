namespace AdaMomentumSharp.Experiments.Data;

/// <summary>A word-level corpus: its vocabulary and its three parts as word ids, lines joined, each line ending in <c>&lt;eos&gt;</c>.</summary>
internal sealed record WordCorpus(WordVocabulary Vocabulary, int[] Train, int[] Validation, int[] Test);
