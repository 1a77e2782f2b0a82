using System.Runtime.InteropServices;

namespace AdaMomentumSharp.Files;

/// <summary>What a path names, following symbolic links.</summary>
internal enum FileKind
{
    None,
    RegularFile,
    Directory,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,
    Other,
}

/// <summary>
/// Tells what kind of file a path names, which .NET itself tells only as far as "directory or not", and who owns it,
/// which .NET does not tell at all.
/// </summary>
internal static unsafe partial class FileKinds
{
    /// <summary>Comfortably larger than the runtime's FileStatus (about 128 bytes), so that a grown one still fits.</summary>
    private const int FileStatusBytes = 512;

    private const int ModeOffset = sizeof(int);
    private const int UserOffset = 2 * sizeof(int);
    private const int GroupOffset = 3 * sizeof(int);
    private const int TypeMask = 0xF000;

    /// <summary>
    /// The kind of what <paramref name="path"/> names; <see cref="FileKind.None"/> when nothing is there or it
    /// cannot be examined (the write that follows then fails with the system's own reason).
    /// </summary>
    public static FileKind Of(string path) => Status(path) switch
    {
        null => Managed(path),
        { Found: false } => FileKind.None,
        { Mode: var mode } => FromMode(mode),
    };

    /// <summary>The user and group ids of what <paramref name="path"/> names; null on Windows or when it cannot be examined.</summary>
    public static (uint User, uint Group)? OwnerOf(string path) => Status(path) is { Found: true } status ? (status.User, status.Group) : null;

    /// <summary>What stat says of <paramref name="path"/>; null where there is no System.Native stat to ask (Windows).</summary>
    private static FileStatus? Status(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        try
        {
            byte* status = stackalloc byte[FileStatusBytes];
            return Stat(path, status) != 0
                ? default(FileStatus)
                : new FileStatus(true, *(int*)(status + ModeOffset), *(uint*)(status + UserOffset), *(uint*)(status + GroupOffset));
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The S_IF* type bits, which System.Native gives with the same values on every Unix.</summary>
    private static FileKind FromMode(int mode) => (mode & TypeMask) switch
    {
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x4000 => FileKind.Directory,
        0x6000 => FileKind.BlockDevice,
        0x8000 => FileKind.RegularFile,
        0xC000 => FileKind.Socket,
        _ => FileKind.Other,
    };

    /// <summary>What .NET can tell alone: enough on Windows, which has no device or FIFO entries in its directories.</summary>
    private static FileKind Managed(string path) =>
        Directory.Exists(path) ? FileKind.Directory : File.Exists(path) ? FileKind.RegularFile : FileKind.None;

    // .NET has no public stat; System.Native, the runtime's own native library that every .NET process on Unix has
    // loaded, exports one whose FileStatus starts with i32 flags, i32 mode, u32 uid, u32 gid.
    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, byte* status);

    private readonly record struct FileStatus(bool Found, int Mode, uint User, uint Group);
}
