using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace AdaMomentumSharp.Files;

/// <summary>
/// Writes a file so that a crash leaves either the old file or the new one, never a torn one:
/// write a temporary file beside it, flush it to disk, then rename it over the target.
/// </summary>
/// <remarks>
/// <para>A symbolic link is written through: the file it finally names gets the new bytes and the link stays a link.
/// A hard link is not: the rename puts a new file at the path written, and the target's other names keep the old
/// bytes. A path that exists but is not a regular file (a directory, a device such as /dev/null, a FIFO, a socket) is
/// refused, since the rename would replace it.</para>
/// <para>On Unix a replaced file keeps its permissions, and its owner and group where this process may give them
/// (root may; another user may keep the group if a member of it); the new bytes are never readable by more users
/// than the old ones, not even while they are written. A new file gets 0666 less the process's umask, as
/// <see cref="File.Create(string)"/> gives.</para>
/// <para>The temporary file is named after the target, this host and this process (<c>.{name}.{host}.{pid}.{8 hex digits}.tmp</c>),
/// so that a write can delete what writers of the same target that died mid-write left behind.</para>
/// </remarks>
public static partial class AtomicFile
{
    private const UnixFileMode PermissionBits = (UnixFileMode)0x1FF;

    /// <summary>Writes <paramref name="path"/> atomically with the bytes <paramref name="write"/> produces.</summary>
    /// <exception cref="IOException"><paramref name="path"/> names something that is not a regular file.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        string target = RegularFileTarget(path);
        TemporaryFiles.RemoveStale(target);
        string temporary = TemporaryFiles.For(target);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        UnixFileMode? mode = null;
        if (!OperatingSystem.IsWindows())
        {
            // No more permissions than the target has, so that no one else can open the temporary file meanwhile.
            mode = ExistingMode(target);
            options.UnixCreateMode = mode & PermissionBits;
        }
        // Created outside the try: a name that happens to exist belongs to someone else and must not be deleted.
        var stream = new FileStream(temporary, options);
        try
        {
            using (stream)
            {
                if (!OperatingSystem.IsWindows() && mode is UnixFileMode kept)
                {
                    KeepOwnerAndMode(stream.SafeFileHandle, target, kept);
                }
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

    /// <summary>The mode of the file about to be replaced; null for a new file.</summary>
    [UnsupportedOSPlatform("windows")]
    private static UnixFileMode? ExistingMode(string target)
    {
        try
        {
            return File.GetUnixFileMode(target);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Gives the temporary file the target's owner and group where allowed, then its mode: in this order, since a change
    /// of owner clears the set-user-id and set-group-id bits. A refused owner change is no error: the file stays the
    /// writer's, as any file it writes does.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private static void KeepOwnerAndMode(SafeFileHandle temporary, string target, UnixFileMode mode)
    {
        if (FileKinds.OwnerOf(target) is var (user, group))
        {
            int descriptor = (int)temporary.DangerousGetHandle();
            try
            {
                if (FChown(descriptor, user, group) != 0)
                {
                    FChown(descriptor, uint.MaxValue, group);
                }
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // No C library to ask under this name: the owner is the writer, as it would be for a new file.
            }
        }
        File.SetUnixFileMode(temporary, mode);
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

    // fchown(2); uint.MaxValue, that is (uid_t)-1, leaves the owner as it is.
    [LibraryImport("libc", EntryPoint = "fchown", SetLastError = true)]
    private static partial int FChown(int descriptor, uint user, uint group);
}
