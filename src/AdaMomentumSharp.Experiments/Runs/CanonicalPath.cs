namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// One spelling per folder, so that a results folder's recorded data folder compares equal to the same folder written
/// another way: relative or absolute, with or without a trailing slash, with <c>.</c>, <c>..</c> or doubled
/// separators, or through a symbolic link.
/// </summary>
internal static class CanonicalPath
{
    /// <summary>The absolute path with every symbolic link that exists along it resolved and no trailing separator.</summary>
    public static string Of(string path)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        string root = Path.GetPathRoot(full) ?? "";
        string resolved = root;
        foreach (string part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            resolved = Path.Combine(resolved, part);
            // A link's target may be relative to the link's folder, or itself a link; ResolveLinkTarget handles both.
            var entry = new DirectoryInfo(resolved);
            if (entry.LinkTarget is not null && entry.ResolveLinkTarget(returnFinalTarget: true) is FileSystemInfo target)
            {
                resolved = Path.TrimEndingDirectorySeparator(Path.GetFullPath(target.FullName));
            }
        }
        return resolved;
    }
}
