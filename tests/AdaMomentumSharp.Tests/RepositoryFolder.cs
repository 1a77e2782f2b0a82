namespace AdaMomentumSharp.Tests;

/// <summary>The repository the tests run from, for tests that read its files (README, samples, sources).</summary>
internal static class RepositoryFolder
{
    /// <summary>The folder holding AdaMomentumSharp.sln, found above the test assembly.</summary>
    public static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AdaMomentumSharp.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (with AdaMomentumSharp.sln) was not found above the test assembly.");
    }
}
