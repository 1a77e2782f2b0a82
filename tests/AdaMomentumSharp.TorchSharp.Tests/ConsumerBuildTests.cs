using System.Diagnostics;
using System.Security.Cryptography;
using AdaMomentumSharp.Tests;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// Packs this repository's libraries, builds a fresh console project that consumes them from a local feed
/// together with TorchSharp-cpu, and runs it: proof that the package's buildTransitive fix makes TorchSharp
/// load on this machine, and that it never touches the NuGet cache.
/// </summary>
public sealed class ConsumerBuildTests : IDisposable
{
    private readonly string workDirectory = Directory.CreateTempSubdirectory("adamomentum-consumer-").FullName;

    private readonly string version = $"0.0.0-consumer{DateTime.UtcNow:yyyyMMddHHmmssfff}";

    /// <summary>Removes the work folder and this run's throw-away package versions from the NuGet cache.</summary>
    public void Dispose()
    {
        Directory.Delete(workDirectory, recursive: true);
        foreach (string package in new[] { "adamomentumsharp.files", "adamomentumsharp", "adamomentumsharp.torchsharp" })
        {
            string cached = Path.Combine(NuGetPackagesFolder(), package, version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }

    [Fact]
    public void FreshConsumerProject_BuildsLoadsTorchSharpAndSteps_WithoutTouchingTheNuGetCache()
    {
        string repository = RepositoryFolder.Root();
        string configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        string feed = Path.Combine(workDirectory, "feed");
        foreach (string project in new[] { "src/AdaMomentumSharp.Files", "src/AdaMomentumSharp", "src/AdaMomentumSharp.TorchSharp" })
        {
            Run("dotnet", $"pack {Path.Combine(repository, project)} -c {configuration} --no-build -o {feed} -p:MinVerVersionOverride={version}", repository);
        }

        string consumer = Path.Combine(workDirectory, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="adamomentum-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="AdaMomentumSharp.TorchSharp" Version="{version}" />
                <PackageReference Include="TorchSharp-cpu" Version="0.107.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), """
            using TorchSharp;
            var p = new TorchSharp.Modules.Parameter(torch.ones(4));
            var optimizer = new AdaMomentumSharp.AdaMomentum([p], lr: 0.1);
            p.grad = torch.ones(4);
            optimizer.step();
            Console.WriteLine($"stepped to {p.sum().item<float>():F4}");
            torch.optim.Optimizer[] family = [new AdaMomentumSharp.AdaBelief([p]), new AdaMomentumSharp.Yogi([p]), new AdaMomentumSharp.AdaBound([p]),
                                              new AdaMomentumSharp.RAdam([p]), AdaMomentumSharp.Optimizers.Create("adamw", [p], lr: 0.1)];
            Console.WriteLine($"built {string.Join(" ", family.Select(o => o.GetType().Name))}");
            """);
        string cachedLibrary = CachedLibTorchSharp();
        byte[] cacheHashBefore = SHA256.HashData(File.ReadAllBytes(cachedLibrary));

        string build = Run("dotnet", "build -c Release", consumer);
        string output = Run("dotnet", "run -c Release --no-build", consumer);

        // One step from p = 1 with g = 1 moves each element by lr / (1 − β1) = 1: the sum goes from 4 to 0.
        Assert.Contains("stepped to 0.0000", output);
        Assert.Contains("built AdaBelief Yogi AdaBound RAdam AdamW", output);
        if (!LibStdCxxProvidesGlibcxx3432())
        {
            Assert.Contains("marked the GLIBCXX_3.4.32 requirement weak", build);
        }
        Assert.Equal(cacheHashBefore, SHA256.HashData(File.ReadAllBytes(cachedLibrary)));

        string again = Run("dotnet", "build -c Release", consumer);
        Assert.Contains("stepped to 0.0000", Run("dotnet", "run -c Release --no-build", consumer));
        Assert.Contains(" 0 Warning(s)", again);
    }

    private static string Run(string fileName, string arguments, string directory)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's MSBuild settings must not leak into the child build.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"`{fileName} {arguments}` exited with {process.ExitCode}:\n{output}\n{error.Result}");
        return output + error.Result;
    }

    private static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string CachedLibTorchSharp() =>
        Path.Combine(NuGetPackagesFolder(), "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    private static bool LibStdCxxProvidesGlibcxx3432()
    {
        const string path = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";
        return File.Exists(path) && File.ReadAllBytes(path).AsSpan().IndexOf("GLIBCXX_3.4.32\0"u8) >= 0;
    }
}
