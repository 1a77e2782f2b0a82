using System.Runtime.Versioning;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// Paths the operating system refuses, through the real executable run as a user the permissions apply to (see
/// <see cref="CliProcess.RunAsync"/>): refused before any work, in one line naming the option, the path and the reason.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed class PermissionDeniedTests : IDisposable
{
    private readonly TempDirectory temp = new();

    // The folder the test's own files live in must be reachable by the other user.
    public PermissionDeniedTests() => File.SetUnixFileMode(temp.Path, (UnixFileMode)0b111_101_101);

    public void Dispose()
    {
        foreach (string folder in Directory.GetDirectories(temp.Path))
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        temp.Dispose();
    }

    private string FolderWithMode(string name, UnixFileMode mode)
    {
        string folder = Directory.CreateDirectory(temp.File(name)).FullName;
        File.SetUnixFileMode(folder, mode);
        return folder;
    }

    [Fact]
    public async Task Bench_OutInAFolderItCannotWriteIn_IsRefusedBeforeTheBenchmarkRuns()
    {
        string readOnly = FolderWithMode("read-only", (UnixFileMode)0b101_101_101);
        string output = Path.Combine(readOnly, "b.md");

        var (exitCode, printed, errors) = await CliProcess.RunAsync(
            ["bench", "--parameters", "100000", "--tensors", "2", "--steps", "3", "--out", output], unprivileged: true);

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: --out '{output}': cannot write in the folder '{readOnly}' (Permission denied).", errors.Trim());
        Assert.Equal("", printed);
        Assert.Empty(Directory.GetFileSystemEntries(readOnly));
    }

    [Fact]
    public async Task Compare_DataFolderItCannotRead_IsReportedAsUnreadable_NotAsMissingFiles()
    {
        string data = Directory.CreateDirectory(temp.File("data")).FullName;
        SyntheticData.WriteFashionMnist(data, trainCount: 20, testCount: 10);
        File.SetUnixFileMode(data, UnixFileMode.None);
        string results = FolderWithMode("results", (UnixFileMode)0b111_111_111);
        string output = Path.Combine(results, "out");

        var (exitCode, _, errors) = await CliProcess.RunAsync(
            ["compare", "--task", "fashion-mlp", "--epochs", "1", "--data", data, "--out", output, "--quiet"], unprivileged: true);

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: --data '{data}': the folder cannot be read (Permission denied); give this user read access to it, or pass --data with a readable copy.",
                     errors.Trim());
        Assert.False(Directory.Exists(output));
    }

    /// <summary>Every command that loads data says it alike: the check lives where every load passes.</summary>
    [Theory]
    [InlineData("compare", "--epochs", "1", "--quiet")]
    [InlineData("sweep", "plan", "--epochs", "1")]
    public async Task ADataFileItCannotRead_IsNamedWithTheFolder_NotInDotNetsWords(params string[] command)
    {
        string data = Directory.CreateDirectory(temp.File("data-file")).FullName;
        SyntheticData.WriteFashionMnist(data, trainCount: 20, testCount: 10);
        File.SetUnixFileMode(data, (UnixFileMode)0b111_101_101);
        string unreadable = Directory.GetFiles(data).Order(StringComparer.Ordinal).First();
        File.SetUnixFileMode(unreadable, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        string results = FolderWithMode("results-file", (UnixFileMode)0b111_111_111);
        string output = Path.Combine(results, "out");

        var (exitCode, _, errors) = await CliProcess.RunAsync(
            [.. command, "--task", "fashion-mlp", "--data", data, "--out", output], unprivileged: true);

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: fashion-mlp's data file '{unreadable}' in '{data}' cannot be read (Permission denied); give this user read access " +
            $"to the folder's files, or pass --data with a readable copy.",
                     errors.Trim());
    }
}
