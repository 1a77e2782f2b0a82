using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>compare --diagnostics: what the per-tensor rows measure, and that recording them changes no metric.</summary>
public sealed class UpdateDiagnosticsTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public UpdateDiagnosticsTests() => SyntheticData.WriteFashionMnist(data.Path, trainCount: 200, testCount: 40);

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    [Fact]
    public void OneAdaMomentumStep_MovesByOneOverOneMinusBeta1PerUnitRate_AndOnlyTheIdleTensorSitsOnTheFloor()
    {
        const double eps = 1e-16, beta2 = 0.999;
        var moving = new Parameter(torch.zeros(4));
        var idle = new Parameter(torch.zeros(3));
        using var optimizer = new AdaMomentum([moving, idle], lr: 0.01, eps: eps);
        var diagnostics = new UpdateDiagnostics([("moving", moving), ("idle", idle)], eps, beta2);
        moving.grad = torch.ones(4);
        idle.grad = torch.zeros(3);

        diagnostics.BeforeStep();
        optimizer.step();
        diagnostics.AfterStep(0.01);
        var rows = diagnostics.FinishEpoch(1, optimizer);

        // Step 1: m̂ = g and v̂ = (1 − β1)²g² + eps/(1 − β2), so |Δp| / lr = 1 / (1 − β1) = 10 where g = 1, and 0 where g = 0.
        Assert.Equal(10, rows[0].MeanUpdateOverLr, 1e-5);
        Assert.Equal(0, rows[1].MeanUpdateOverLr);
        // v = (1 − β2)(1 − β1)² + eps = 1e-5 is far above 10·eps/(1 − β2) = 1e-12; the idle tensor's v = eps is below it.
        Assert.Equal((0.0, 1.0), (rows[0].NearFloorFraction, rows[1].NearFloorFraction));
        Assert.Equal(["moving", "idle"], rows.Select(r => r.Tensor));
        Assert.Equal([4L, 3L], rows.Select(r => r.Elements));
    }

    [Fact]
    public void NearFloor_ComparesTheBiasCorrectedSecondMoment_WhichTheStepDividesBy()
    {
        // eps 1e-8: floor eps/(1 − β2) = 1e-5. After one step with g = √0.02, v̂ = (1 − β1)²g² + floor = 21·floor: not near
        // the floor, though the raw v = (1 − β2)·v̂ = 2.1e-7 is far below 10·floor.
        const double eps = 1e-8, beta2 = 0.999;
        var weight = new Parameter(torch.zeros(2, dtype: float64));
        using var optimizer = new AdaMomentum([weight], lr: 0.01, eps: eps);
        var diagnostics = new UpdateDiagnostics([("weight", weight)], eps, beta2);
        weight.grad = torch.tensor(new[] { Math.Sqrt(0.02), 0.0 }, dtype: float64);

        diagnostics.BeforeStep();
        optimizer.step();
        diagnostics.AfterStep(0.01);

        // Only the idle element, whose v̂ is the floor itself, counts.
        Assert.Equal(0.5, Assert.Single(diagnostics.FinishEpoch(1, optimizer)).NearFloorFraction);
    }

    [Fact]
    public void ForAnOptimizerWithoutTheFloor_TheFractionIsNaN()
    {
        var weight = new Parameter(torch.zeros(2));
        using var optimizer = optim.Adam([weight], lr: 0.01);
        var diagnostics = new UpdateDiagnostics([("weight", weight)], 1e-8, 0.999);
        weight.grad = torch.ones(2);

        diagnostics.BeforeStep();
        optimizer.step();
        diagnostics.AfterStep(0.01);

        // Adam's first step is lr · sign(g), up to eps.
        var row = Assert.Single(diagnostics.FinishEpoch(1, optimizer));
        Assert.Equal(1, row.MeanUpdateOverLr, 1e-5);
        Assert.True(double.IsNaN(row.NearFloorFraction));
    }

    private string[] Compare(string output, params string[] extra) =>
    [
        "compare", "--task", "fashion-mlp", "--optimizers", "adamomentum,adam", "--epochs", "2", "--batch-size", "50",
        "--data", data.Path, "--out", output, "--quiet", "--threads", "1", .. extra,
    ];

    [Fact]
    public void Compare_WithDiagnostics_WritesARowPerTensorAndEpoch_AndTheSameMetricsAsWithout()
    {
        string plain = results.File("plain"), recorded = results.File("recorded");

        Assert.Equal(0, CliRunner.Run(Compare(plain)));
        Assert.Equal(0, CliRunner.Run(Compare(recorded, "--diagnostics")));

        static IEnumerable<EpochMetrics> WithoutTime(string folder) => RunStore.ReadAll(folder, out _).SelectMany(r => r.Epochs).Select(e => e with { Seconds = 0 });
        Assert.Equal(WithoutTime(plain), WithoutTime(recorded));
        Assert.False(Directory.Exists(Path.Combine(plain, Trainer.DiagnosticsFolder)));
        foreach (string run in new[] { "adamomentum-lr0.001-seed1", "adam-lr0.001-seed1" })
        {
            for (int epoch = 1; epoch <= 2; epoch++)
            {
                var rows = CsvFile.Read<TensorDiagnostic>(Path.Combine(recorded, Trainer.DiagnosticsFolder, run, $"epoch-{epoch}.csv"));
                Assert.Equal(6, rows.Count);   // three linear layers' weights and biases
                Assert.All(rows, r => Assert.True(r.Epoch == epoch && r.MeanUpdateOverLr > 0, $"{run} {r}"));
                Assert.All(rows, r => Assert.Equal(run.StartsWith("adam-"), double.IsNaN(r.NearFloorFraction)));
            }
        }

        string report = File.ReadAllText(Path.Combine(recorded, "report.md"));
        Assert.Contains("## Update size and the eps floor", report);
        Assert.True(File.Exists(Path.Combine(recorded, "update-size.png")) && File.Exists(Path.Combine(recorded, "eps-floor.png")));
        // The ratio table: a header for epochs 1 and 2, then one row per tensor, each ratio a positive number.
        var table = report[report.IndexOf("AdaMomentum's mean |update|", StringComparison.Ordinal)..].Split('\n').SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal("| tensor | elements | epoch 1 | epoch 2 |", table[0]);
        Assert.Equal(6, table.Count - 2);
        Assert.All(table.Skip(2), row => Assert.True(row.Split('|')[3..5].All(cell => double.Parse(cell, System.Globalization.CultureInfo.InvariantCulture) > 0), row));
        Assert.DoesNotContain("## Update size", File.ReadAllText(Path.Combine(plain, "report.md")));
    }
}
