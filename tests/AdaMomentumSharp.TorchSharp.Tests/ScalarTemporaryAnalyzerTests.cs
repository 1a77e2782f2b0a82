using System.Collections.Immutable;
using AdaMomentumSharp.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// AMS0001 (ScalarTemporaryAnalyzer) over a sample that compiles against the real TorchSharp: every line marked
/// <c>// AMS0001</c> must be reported and no other, so both a missed temporary and a false alarm fail.
/// </summary>
public sealed class ScalarTemporaryAnalyzerTests
{
    private const string Sample = """
        using TorchSharp;
        using static TorchSharp.torch;

        static class Sample
        {
            static readonly Scalar Kept = 2.0.ToScalar();
            static readonly Scalar KeptByConversion = 3.0;

            static void Run(Tensor a, Tensor b, double x)
            {
                using Scalar s = x.ToScalar();
                using Scalar converted = x;
                using (Scalar inBlock = 4.0) { a.mul_(inBlock); }
                Scalar loose = x; // AMS0001
                a.mul(x); // AMS0001
                a.mul(s);
                a.mul((Scalar)x); // AMS0001
                _ = a + b; // AMS0001
                _ = a + s; // AMS0001
                _ = a - b;
                _ = s - a; // AMS0001
                _ = a * b;
                _ = a * s;
                _ = s / a;
                _ = a * 2; // AMS0001
                _ = 1.5 - a; // AMS0001
                a.add(b); // AMS0001
                a.add(b, s);
                a.add(b, alpha: Kept);
                a.add_(s); // AMS0001
                a.add_(s, KeptByConversion);
                a.addcdiv_(a, b); // AMS0001
                a.addcdiv_(a, b, s);
                a.addcmul_(a, b, value: s);
                torch.add(a, b); // AMS0001
                torch.add(a, b, s);
                a.sub(b);
                a.sub_(s);
                a.clamp_min(0); // AMS0001
                a.clamp_min(Kept);
                Tensor c = a;
                c += b; // AMS0001
                c -= b;
                c *= s;
            }
        }
        """;

    [Fact]
    public async Task ReportsExactlyTheScalarsThatNothingKeepsAlive()
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Sample", [CSharpSyntaxTree.ParseText(Sample)], References(), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        ImmutableArray<Diagnostic> found = await compilation
            .WithAnalyzers([new ScalarTemporaryAnalyzer()])
            .GetAnalyzerDiagnosticsAsync();

        Assert.All(found, d => Assert.Equal(ScalarTemporaryAnalyzer.DiagnosticId, d.Id));
        int[] expected = Sample.Split('\n').Select((line, i) => (line, i)).Where(x => x.line.Contains("// AMS0001")).Select(x => x.i + 1).ToArray();
        int[] reported = found.Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).Distinct().Order().ToArray();
        Assert.Equal(expected, reported);
        Assert.Equal(expected.Length, found.Length); // one report per temporary, not several for one line
    }

    [Fact]
    public async Task StaysSilentWhereTorchSharpIsNotReferenced()
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Plain", [CSharpSyntaxTree.ParseText("static class Plain { static double F(double x) => x + 1 * 2.0; }")],
            References().Where(r => !r.Display!.Contains("TorchSharp")), new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        Assert.Empty(await compilation.WithAnalyzers([new ScalarTemporaryAnalyzer()]).GetAnalyzerDiagnosticsAsync());
    }

    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
        .Append(typeof(global::TorchSharp.torch).Assembly.Location)
        .Distinct()
        .Select(path => MetadataReference.CreateFromFile(path));
}
