using System.Runtime.InteropServices;

namespace AdaMomentumSharp.Files;

/// <summary>
/// Creates a file only if nothing is at its path, whole or not at all: the bytes go to a temporary file beside it,
/// which is then hard-linked to the path with link(2), which fails rather than replace anything. Of processes racing
/// for one path exactly one wins, and a reader never sees a half-written file.
/// </summary>
/// <remarks>
/// Not File.Move(overwrite: false): on Linux, .NET 10 checks that the target is absent and then renames, so two
/// racing processes can both succeed. Where the file system has no hard links, the file is created with O_EXCL
/// instead: still one winner, though a reader may then see it while its bytes are being written.
/// </remarks>
public static partial class ExclusiveFile
{
    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    /// <returns>Whether this call created the file; false when something was already at <paramref name="path"/>.</returns>
    public static bool TryCreate(string path, byte[] content)
    {
        if (OperatingSystem.IsWindows())
        {
            return TryCreateWithoutLinks(path, content);
        }
        string target = Path.GetFullPath(path);
        // Named as AtomicFile names its own, so a write killed here leaves a file the next write of the target removes.
        TemporaryFiles.RemoveStale(target);
        string temporary = TemporaryFiles.For(target);
        // Created outside the try: a name that happens to exist belongs to someone else and must not be deleted.
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            using (stream)
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            if (Link(temporary, path) == 0)
            {
                return true;
            }
            int error = Marshal.GetLastPInvokeError();
            return error == AlreadyExists ? false : TryCreateWithoutLinks(path, content);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>O_EXCL creation: exclusive everywhere, but the file is visible before its bytes are all written.</summary>
    private static bool TryCreateWithoutLinks(string path, byte[] content)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        }
        catch (IOException) when (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            return false;
        }
        using (stream)
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        return true;
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string created);
}
