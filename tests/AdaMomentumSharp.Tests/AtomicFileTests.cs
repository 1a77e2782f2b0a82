using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Tests;

[UnsupportedOSPlatform("windows")]
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
    public void Write_TheTemporaryFile_IsNamedAfterTheTargetThisHostAndThisProcess()
    {
        string path = Path.Combine(directory, "state.bin");
        string[] during = [];

        AtomicFile.Write(path, stream => during = Entries());

        string temporary = Assert.Single(during);
        Assert.Matches($"^\\.state\\.bin\\.{Host}\\.{Environment.ProcessId}\\.[0-9a-f]{{8}}\\.tmp$", temporary);
        Assert.Equal(["state.bin"], Entries());
    }

    [Fact]
    public void Write_NameOf255Characters_IsWritten()
    {
        string name = new string('n', 251) + ".bin";
        string path = Path.Combine(directory, name);

        string[] during = [];

        AtomicFile.Write(path, stream =>
        {
            stream.Write("long name"u8);
            during = Entries();
        });

        Assert.Equal(255, name.Length);
        Assert.StartsWith($".{new string('n', 32)}.{Host}.", Assert.Single(during));
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
        Run("mkfifo", path);

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

    [Theory]
    [InlineData("600")]
    [InlineData("640")]
    [InlineData("666")]
    [InlineData("750")]
    [InlineData("4755")]
    public void Write_OverAnExistingFile_KeepsItsMode(string octal)
    {
        var mode = (UnixFileMode)Convert.ToInt32(octal, 8);
        string path = Path.Combine(directory, "state.bin");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, mode);
        UnixFileMode? during = null;

        AtomicFile.Write(path, stream =>
        {
            stream.Write("new"u8);
            during = File.GetUnixFileMode(Path.Combine(directory, Entries().Single(e => e != "state.bin")));
        });

        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal((UnixFileMode)0, during & ~mode);
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void Write_NewFile_Gets0666LessTheUmask()
    {
        string path = Path.Combine(directory, "new.bin");

        AtomicFile.Write(path, Text("new"));

        Assert.Equal((UnixFileMode)(Convert.ToInt32("666", 8) & ~Umask()), File.GetUnixFileMode(path));
    }

    [RootFact]
    public void Write_OverAFileOfAnotherOwner_KeepsItsOwnerGroupAndMode()
    {
        string path = Path.Combine(directory, "state.bin");
        File.WriteAllText(path, "old");
        Run("chown", "65534:65534", path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        AtomicFile.Write(path, Text("new"));

        Assert.Equal("65534:65534 640", Run("stat", "-c", "%u:%g %a", path));
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void Write_HardLinkedFile_LeavesTheOtherNameWithTheOldBytes()
    {
        string path = Path.Combine(directory, "state.bin"), other = Path.Combine(directory, "other-name.bin");
        File.WriteAllText(path, "old");
        Run("ln", path, other);

        AtomicFile.Write(path, Text("new"));

        Assert.Equal(("new", "old"), (File.ReadAllText(path), File.ReadAllText(other)));
    }

    [Fact]
    public void Write_LeftoversOfDeadWritersOnThisHost_AreDeletedAndNothingElse()
    {
        string path = Path.Combine(directory, "state.bin");
        File.WriteAllText(path, "old");
        int dead = DeadProcessId();
        using Process live = Process.Start("sleep", "30");
        string[] kept =
        [
            $".state.bin.{Host}.{live.Id}.0123abcd.tmp",
            $".state.bin.{Host}.{Environment.ProcessId}.0123abcd.tmp",
            $".state.bin.{Host}x.{dead}.0123abcd.tmp",
            $".state.bin.other-host.{dead}.0123abcd.tmp",
            $".other.bin.{Host}.{dead}.0123abcd.tmp",
            $".state.bin.{Host}.{dead}.0123abcd.tmp.bak",
            $"state.bin.{Host}.{dead}.0123abcd.tmp",
        ];
        string[] leftovers = [$".state.bin.{Host}.{dead}.0123abcd.tmp", $".state.bin.{Host}.{dead}.ffffffff.tmp"];
        foreach (string name in kept.Concat(leftovers))
        {
            File.WriteAllText(Path.Combine(directory, name), "left behind");
        }

        AtomicFile.Write(path, Text("new"));
        live.Kill();

        Assert.Equal(kept.Append("state.bin").Order(StringComparer.Ordinal), Entries());
        Assert.Equal("new", File.ReadAllText(path));
    }

    private static readonly string Host = Regex.Replace(Environment.MachineName, "[^A-Za-z0-9._-]", "_");

    /// <summary>The id of a process that has just ended, which the system hands out again only after many others.</summary>
    private static int DeadProcessId()
    {
        using Process ended = Process.Start("true");
        ended.WaitForExit();
        return ended.Id;
    }

    private static int Umask() =>
        Convert.ToInt32(File.ReadLines("/proc/self/status").Single(line => line.StartsWith("Umask:", StringComparison.Ordinal))[6..].Trim(), 8);

    private static string Run(string program, params string[] arguments)
    {
        using Process process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }

    private static Action<Stream> Text(string text) => stream => stream.Write(Encoding.UTF8.GetBytes(text));

    private string[] Entries() =>
        Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
}
