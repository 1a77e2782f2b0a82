using AdaMomentumSharp.Tests;
namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// Both packages build with Microsoft.CodeAnalysis.PublicApiAnalyzers over their PublicAPI.*.txt, so a public signature
/// changed or removed without editing the list is a build error (RS0016, RS0017) instead of a silent binary break.
/// </summary>
public class PublicApiGuardTests
{
    [Theory]
    [InlineData("AdaMomentumSharp", "AdaMomentumSharp.AdaMomentumOptimizer<T>")]
    [InlineData("AdaMomentumSharp.TorchSharp", "AdaMomentumSharp.AdaBelief.AdaBelief(System.Collections.Generic.IEnumerable<TorchSharp.Modules.Parameter!>! parameters")]
    [InlineData("AdaMomentumSharp.TorchSharp", "static AdaMomentumSharp.Optimizers.Create(string! name, AdaMomentumSharp.WeightDecayGroups! groups")]
    [InlineData("AdaMomentumSharp.TorchSharp", "override AdaMomentumSharp.AdaptiveOptimizer<TOptions, TState>.add_param_group(")]
    public void EachPackage_ListsItsPublicApi_ForTheAnalyzerToGuard(string project, string entry)
    {
        string folder = Path.Combine(RepositoryFolder.Root(), "src", project);
        var csproj = System.Xml.Linq.XDocument.Load(Path.Combine(folder, $"{project}.csproj"));

        Assert.Contains(csproj.Descendants("PackageReference"), r => (string?)r.Attribute("Include") == "Microsoft.CodeAnalysis.PublicApiAnalyzers");
        Assert.Equal(["PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"], csproj.Descendants("AdditionalFiles").Select(f => (string)f.Attribute("Include")!));
        Assert.Contains(File.ReadLines(Path.Combine(folder, "PublicAPI.Unshipped.txt")), line => line.StartsWith(entry, StringComparison.Ordinal));
    }
}
