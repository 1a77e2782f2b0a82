using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Every spelling of one folder has one canonical form; different folders keep different ones.</summary>
public sealed class CanonicalPathTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public void Of_SpellingsOfOneFolder_AreEqual()
    {
        string folder = Directory.CreateDirectory(directory.File("data")).FullName;
        string parentLink = directory.File("parent-link");
        Directory.CreateSymbolicLink(parentLink, directory.Path);
        Directory.CreateSymbolicLink(directory.File("relative-link"), "data");
        string[] spellings =
        [
            folder + "/", folder + "//", directory.Path + "//data", folder + "/../data/.", parentLink + "/data", directory.File("relative-link") + "/",
            Path.GetRelativePath(Environment.CurrentDirectory, folder),
        ];

        Assert.All(spellings, s => Assert.Equal(CanonicalPath.Of(folder), CanonicalPath.Of(s)));
        Assert.False(CanonicalPath.Of(folder).EndsWith('/'));
    }

    [Fact]
    public void Of_AMissingFolder_IsItsAbsolutePathWithoutTrailingSlash_AndDiffersFromItsParent()
    {
        string missing = directory.File("missing");

        Assert.Equal(Path.Combine(CanonicalPath.Of(directory.Path), "missing"), CanonicalPath.Of(missing + "/"));
        Assert.NotEqual(CanonicalPath.Of(directory.Path), CanonicalPath.Of(missing));
        Assert.Equal("/", CanonicalPath.Of("/"));
    }
}
