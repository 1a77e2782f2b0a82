using System.Diagnostics;
using System.Text;

namespace AdaMomentumSharp.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("atomicfile-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Write_RegularFile_ReplacesItsBytesAndLeavesNothingElse()
    {
        string path = Path.Combine(directory, "state.bin");
        File.WriteAllText(path, "old contents, longer than the new");

        AtomicFile.Write(path, Text("new"));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["state.bin"], Entries());
    }

    [Fact]
    public void Write_TheTemporaryFile_IsAShortHiddenNameBesideTheTarget()
    {
        string path = Path.Combine(directory, "state.bin");
        string[] during = [];

        AtomicFile.Write(path, stream => during = Entries());

        string temporary = Assert.Single(during);
        Assert.Matches("^\\.[0-9a-f]{12}\\.tmp$", temporary);
        Assert.Equal(["state.bin"], Entries());
    }

    [Fact]
    public void Write_NameOf255Characters_IsWritten()
    {
        string name = new string('n', 251) + ".bin";
        string path = Path.Combine(directory, name);

        AtomicFile.Write(path, Text("long name"));

        Assert.Equal(255, name.Length);
        Assert.Equal("long name", File.ReadAllText(path));
        Assert.Equal([name], Entries());
    }

    [Fact]
    public void Write_ChainOfSymbolicLinks_WritesTheFinalTargetAndKeepsTheLinks()
    {
        string real = Path.Combine(directory, "real.bin");
        File.WriteAllText(real, "old");
        File.CreateSymbolicLink(Path.Combine(directory, "first"), "real.bin");
        string link = Path.Combine(directory, "second");
        File.CreateSymbolicLink(link, "first");

        AtomicFile.Write(link, Text("through the links"));

        Assert.Equal("through the links", File.ReadAllText(real));
        Assert.Equal("first", new FileInfo(link).LinkTarget);
        Assert.Equal("real.bin", new FileInfo(Path.Combine(directory, "first")).LinkTarget);
        Assert.Equal(["first", "real.bin", "second"], Entries());
    }

    [Fact]
    public void Write_SymbolicLinkToNothingYet_CreatesItsTarget()
    {
        string link = Path.Combine(directory, "link");
        File.CreateSymbolicLink(link, "later.bin");

        AtomicFile.Write(link, Text("created"));

        Assert.Equal("created", File.ReadAllText(Path.Combine(directory, "later.bin")));
        Assert.Equal("later.bin", new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Write_DevNull_RefusesNamingItAndLeavesTheDevice()
    {
        var e = Assert.Throws<IOException>(() => AtomicFile.Write("/dev/null", Text("must not land")));

        Assert.Equal(
            "Cannot write '/dev/null' atomically: it is a character device, not a regular file, and the rename would replace it.",
            e.Message);
        Assert.Equal(FileKind.CharacterDevice, FileKinds.Of("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".*.tmp"));
    }

    [Fact]
    public void Write_Directory_RefusesNamingItAndLeavesItEmpty()
    {
        string path = Path.Combine(directory, "folder");
        Directory.CreateDirectory(path);

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, Text("must not land")));

        Assert.Equal($"Cannot write '{path}' atomically: it is a directory, not a regular file, and the rename would replace it.", e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(path));
        Assert.Equal(["folder"], Entries());
    }

    [Fact]
    public void Write_Fifo_RefusesNamingItAndLeavesIt()
    {
        string path = Path.Combine(directory, "pipe");
        using (Process mkfifo = Process.Start("mkfifo", [path]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, Text("must not land")));

        Assert.Contains($"'{path}'", e.Message);
        Assert.Contains("FIFO", e.Message);
        Assert.Equal(FileKind.Fifo, FileKinds.Of(path));
        Assert.Equal(["pipe"], Entries());
    }

    [Fact]
    public void Write_SymbolicLinkToADirectory_RefusesNamingBoth()
    {
        string folder = Path.Combine(directory, "folder");
        Directory.CreateDirectory(folder);
        string link = Path.Combine(directory, "link");
        File.CreateSymbolicLink(link, folder);

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(link, Text("must not land")));

        Assert.Contains($"'{link}' atomically: it links to '{folder}', which is a directory", e.Message);
        Assert.Equal(folder, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public void Write_CallbackThrows_LeavesTheTargetAndDeletesTheTemporaryFile()
    {
        string path = Path.Combine(directory, "state.bin");
        File.WriteAllText(path, "old");

        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            throw new InvalidOperationException("writer failed");
        }));

        Assert.Equal("writer failed", e.Message);
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["state.bin"], Entries());
    }

    private static Action<Stream> Text(string text) => stream => stream.Write(Encoding.UTF8.GetBytes(text));

    private string[] Entries() =>
        Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
