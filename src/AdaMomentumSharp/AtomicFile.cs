using System.Security.Cryptography;

namespace AdaMomentumSharp;

/// <summary>
/// Writes a file so that a crash leaves either the old file or the new one, never a torn one:
/// write a temporary file beside it, flush it to disk, then rename it over the target.
/// </summary>
/// <remarks>
/// A symbolic link is written through: the file it finally names gets the new bytes and the link stays a link.
/// A path that exists but is not a regular file (a directory, a device such as /dev/null, a FIFO, a socket) is
/// refused, since the rename would replace it. The temporary file's name is short (<c>.{12 hex digits}.tmp</c>) so
/// that any valid file name can be written.
/// </remarks>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> atomically with the bytes <paramref name="write"/> produces.</summary>
    /// <exception cref="IOException"><paramref name="path"/> names something that is not a regular file.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = RegularFileTarget(path);
        string temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{RandomNumberGenerator.GetHexString(12, lowercase: true)}.tmp");
        // Created outside the try: a name that happens to exist belongs to someone else and must not be deleted.
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            using (stream)
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>The full path of the file to replace: <paramref name="path"/>, or the file a link at it finally names.</summary>
    private static string RegularFileTarget(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string target = new FileInfo(fullPath).LinkTarget is null
            ? fullPath
            : File.ResolveLinkTarget(fullPath, returnFinalTarget: true)!.FullName;
        FileKind kind = FileKinds.Of(target);
        if (kind is not (FileKind.None or FileKind.RegularFile))
        {
            string what = target == fullPath ? "it is" : $"it links to '{target}', which is";
            throw new IOException(
                $"Cannot write '{path}' atomically: {what} a {Describe(kind)}, not a regular file, and the rename would replace it.");
        }
        return target;
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "directory",
        FileKind.CharacterDevice => "character device",
        FileKind.BlockDevice => "block device",
        FileKind.Fifo => "FIFO (named pipe)",
        FileKind.Socket => "socket",
        _ => "special file",
    };
}
