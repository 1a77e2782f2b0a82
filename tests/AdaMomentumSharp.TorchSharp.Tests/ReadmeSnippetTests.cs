using System.Diagnostics;
using System.Text.RegularExpressions;
using AdaMomentumSharp.Tests;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// Every C# block of the README is the code of a sample project the solution builds (samples/), and the samples run:
/// the README cannot show code that does not compile or does not work.
/// </summary>
public sealed partial class ReadmeSnippetTests : IDisposable
{
    private readonly string workDirectory = Directory.CreateTempSubdirectory("adamomentum-readme-").FullName;

    public void Dispose() => Directory.Delete(workDirectory, recursive: true);

    [Theory]
    [InlineData("README.md", 3)]
    [InlineData("src/PackageReadme.md", 2)]
    public void EveryCSharpBlockOfTheReadme_IsASampleProjectsCodeVerbatim(string readmePath, int count)
    {
        string root = RepositoryFolder.Root();
        string readme = File.ReadAllText(Path.Combine(root, readmePath));
        string[] samples = Directory.GetFiles(Path.Combine(root, "samples"), "Program.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText).ToArray();
        string[] blocks = CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value).ToArray();

        Assert.Equal(count, blocks.Length);
        foreach (string block in blocks)
        {
            Assert.True(samples.Any(sample => sample.Contains(block, StringComparison.Ordinal)),
                $"This README block is in no samples/*/Program.cs:\n{block}");
        }
    }

    /// <summary>A package page shows the README without the repository around it: a relative link there leads nowhere.</summary>
    [Fact]
    public void ThePackageReadme_LinksOnlyToAbsoluteAddresses()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryFolder.Root(), "src", "PackageReadme.md"));

        string[] targets = MarkdownLinkTarget().Matches(readme).Select(m => m.Groups[1].Value).ToArray();

        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.StartsWith("https://", t));
    }

    /// <summary>
    /// `dotnet test` on the solution builds test projects and what they reference, not the samples on their own: without
    /// a reference from here, the README's test command fails on a fresh clone (where nothing was built before).
    /// </summary>
    [Fact]
    public void EverySample_IsBuiltByThisTestProject()
    {
        string root = RepositoryFolder.Root();
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(root, "tests", "AdaMomentumSharp.TorchSharp.Tests", "AdaMomentumSharp.TorchSharp.Tests.csproj"));
        string[] referenced = project.Descendants("ProjectReference").Select(r => Path.GetFileName((string)r.Attribute("Include")!)).ToArray();

        string[] samples = Directory.GetFiles(Path.Combine(root, "samples"), "*.csproj", SearchOption.AllDirectories).Select(Path.GetFileName).ToArray()!;

        Assert.Equal(3, samples.Length);
        Assert.All(samples, sample => Assert.Contains(sample, referenced));
    }

    [Theory]
    [InlineData("TorchSharpQuickStart", "optimizer.bin")]
    [InlineData("FamilyQuickStart", "yogi.bin")]
    [InlineData("PlainArraysQuickStart", "optimizer.state")]
    public void Sample_RunsAndSavesItsCheckpoint(string sample, string checkpoint)
    {
        string root = RepositoryFolder.Root();
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        string dll = Path.Combine(root, "samples", sample, "bin", configuration, "net10.0", $"{sample}.dll");
        Assert.True(File.Exists(dll), $"{dll} was not built; this test project's ProjectReference to samples/{sample} builds it.");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"") { WorkingDirectory = workDirectory, RedirectStandardError = true };
        using Process process = Process.Start(start)!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, $"{sample} exited with {process.ExitCode}: {errors}");
        Assert.True(new FileInfo(Path.Combine(workDirectory, checkpoint)).Length > 0);
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLinkTarget();
}
