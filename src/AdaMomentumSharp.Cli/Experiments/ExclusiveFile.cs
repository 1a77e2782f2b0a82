using System.Security.Cryptography;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// Creates a file only if nothing is at its path, whole or not at all: the bytes go to a temporary file beside it,
/// which is then linked to the path without replacing anything (File.Move without overwrite is link(2) on Unix). Of
/// processes racing for one path exactly one wins, and a reader never sees a half-written file.
/// </summary>
public static class ExclusiveFile
{
    /// <returns>Whether this call created the file; false when something was already at <paramref name="path"/>.</returns>
    public static bool TryCreate(string path, byte[] content)
    {
        string temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{RandomNumberGenerator.GetHexString(12, lowercase: true)}.tmp");
        // Created outside the try: a name that happens to exist belongs to someone else and must not be deleted.
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            using (stream)
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
