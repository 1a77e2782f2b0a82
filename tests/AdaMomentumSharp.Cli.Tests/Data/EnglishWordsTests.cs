using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class EnglishWordsTests
{
    [Theory]
    [InlineData("Don't PANIC!", new[] { "don't", "panic", "!" })]
    [InlineData("\t\"Hello,\" she said -- twice...", new[] { "\"", "hello", ",", "\"", "she", "said", "--", "twice", "..." })]
    [InlineData("It's 5 o'clock; 3.14?!", new[] { "it's", "5", "o'clock", ";", "3", ".", "14", "?", "!" })]
    [InlineData("Café ÜBER", new[] { "café", "über" })]
    [InlineData("   ", new string[0])]
    public void Tokenize_LowerCasesAndSplitsPunctuationOff(string line, string[] tokens) =>
        Assert.Equal(tokens, EnglishWords.Tokenize(line));
}
