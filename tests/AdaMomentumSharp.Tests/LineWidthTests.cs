namespace AdaMomentumSharp.Tests;

/// <summary>
/// The width .editorconfig states: code aims for 120 columns and no line of C# in the repository passes
/// <see cref="Limit"/>, so that a diff reads side by side and a long literal gets wrapped rather than scrolled.
/// </summary>
public sealed class LineWidthTests
{
    private const int Limit = 200;

    [Fact]
    public void NoLineOfCSharp_IsWiderThanTheLimit()
    {
        string root = RepositoryFolder.Root();
        string[] wide =
        [
            .. new[] { "src", "tests", "benchmarks", "samples" }
                .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
                .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, number: i + 1, line.Length)))
                .Where(line => line.Length > Limit)
                .Select(line => $"{Path.GetRelativePath(root, line.path)}:{line.number} is {line.Length} characters"),
        ];
        Assert.True(wide.Length == 0, $"Lines over {Limit} characters:\n" + string.Join("\n", wide));
    }

    [Fact]
    public void TheCheck_ReadsTheRepositorysCode()
    {
        // Guards the test above against passing on an empty tree (a wrong root or folder name).
        Assert.True(File.Exists(Path.Combine(RepositoryFolder.Root(), "src", "AdaMomentumSharp", "FusedStepLoop.cs")));
    }
}
