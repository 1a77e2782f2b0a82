using AdaMomentumSharp.Experiments;
namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// Checks an output option before a command does any work, so that a wrong path ends in one line naming the option
/// (exit code 2) instead of a stack trace after minutes of training.
/// </summary>
public static class OutputPath
{
    /// <summary>A results folder: it may exist as a folder or not at all, but must not be a file.</summary>
    /// <exception cref="ArgumentException">The path is empty, an existing file, or under one.</exception>
    public static string Folder(string path, string option)
    {
        OptionCheck.NotEmptyPath(path, option, "a folder (existing or new) for the results");
        if (System.IO.File.Exists(path))
        {
            throw new ArgumentException($"{option} '{path}' is a file; it must name a folder (existing or new) for the results.");
        }
        // A new folder under a file cannot be made; .NET's own message for it names neither the option nor the file.
        for (string? above = Path.GetDirectoryName(Path.GetFullPath(path)); above is not null && !Directory.Exists(above); above = Path.GetDirectoryName(above))
        {
            if (System.IO.File.Exists(above))
            {
                throw new ArgumentException($"{option} '{path}': '{above}' is a file, so no folder can be made under it; it must name a folder (existing or new) for the results.");
            }
        }
        return path;
    }

    /// <summary>A file to write: its folder must exist and take new files, and the path must not be a folder.</summary>
    /// <exception cref="ArgumentException">The path is empty, its folder is missing or refuses new files, or it is a folder.</exception>
    public static string File(string path, string option)
    {
        OptionCheck.NotEmptyPath(path, option, "a file to write");
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"{option} '{path}' is a folder; it must name a file to write.");
        }
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new ArgumentException($"{option} '{path}': the folder '{folder}' does not exist; create it first.");
        }
        // The file is written atomically through a new file beside it, so the folder must take new files: found out
        // now, not after the work.
        try
        {
            using var probe = new FileStream(Path.Combine(folder ?? ".", $".adamomentum-probe-{Environment.ProcessId}"), FileMode.CreateNew,
                                             FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"{option} '{path}': cannot write in the folder '{folder}' ({OsReason.Of(e)}).", e);
        }
        return path;
    }
}
