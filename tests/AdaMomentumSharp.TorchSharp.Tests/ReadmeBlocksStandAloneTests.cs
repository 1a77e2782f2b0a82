using System.Text.RegularExpressions;
using AdaMomentumSharp.Tests;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// Every C# block of a README is the whole of a sample's code, not a part of it: copied alone into a project it
/// compiles, because the sample, which the solution builds, holds nothing more than its header comment.
/// </summary>
public sealed partial class ReadmeBlocksStandAloneTests
{
    [Theory]
    [InlineData("README.md")]
    [InlineData("src/PackageReadme.md")]
    public void EveryCSharpBlock_IsTheWholeCodeOfASample(string readmePath)
    {
        string root = RepositoryFolder.Root();
        string readme = File.ReadAllText(Path.Combine(root, readmePath));
        string[] samples = [.. Directory.GetFiles(Path.Combine(root, "samples"), "Program.cs", SearchOption.AllDirectories)
            .Select(path => WithoutHeaderComment(File.ReadAllText(path)))];

        string[] blocks = [.. CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value)];

        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.True(samples.Contains(block), $"This block is not the whole of any samples/*/Program.cs, so alone it may not compile:\n{block}"));
    }

    private static string WithoutHeaderComment(string code) =>
        string.Join('\n', code.ReplaceLineEndings("\n").Split('\n').SkipWhile(line => line.StartsWith("//", StringComparison.Ordinal)));

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
