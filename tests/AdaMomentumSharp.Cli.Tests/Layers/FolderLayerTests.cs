using AdaMomentumSharp.Cli.Commands;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// The folders of the experiments library and the CLI form layers, and a folder uses only folders of the layers below
/// it: no cycles, and a change to a lower layer never needs a higher one. docs/ARCHITECTURE.md draws the same table.
/// </summary>
public sealed class FolderLayerTests
{
    /// <summary>Lowest first. Folders on one line are independent of each other.</summary>
    private static readonly string[][] Layers =
    [
        ["(root)"],                                                    // CsvFile, KeptScalars, OsReason
        ["Statistics", "Bandwidth", "Data", "Models", "Optimizers"],  // leaves: no folder of the CLI below them
        ["Evaluation"],                                                // metrics on data: FID, GAN pixels, sample grids
        ["Tasks"],                                                     // task definitions and their training runs
        ["Runs"],                                                      // settings, the results folder, the trainer
        ["Reporting"],                                                 // tables, plots, tests over finished runs
        ["Trajectories", "Sweeps"],                                    // the two kinds of job
        ["Commands"],                                                  // the command line (the CLI project)
        ["Program"],
    ];

    private static readonly IReadOnlyList<FolderDependencies.Edge> Edges =
        FolderDependencies.Of(typeof(Experiments.Runs.Trainer).Assembly.Location, typeof(CompareCommand).Assembly.Location);

    [Fact]
    public void EveryFolder_UsesOnlyFoldersOfLowerLayers()
    {
        string[] backEdges =
        [
            .. Edges.Where(e => LayerOf(e.To) >= LayerOf(e.From))
                    .Select(e => $"{e.From} (layer {LayerOf(e.From)}) uses {e.To} (layer {LayerOf(e.To)}): {string.Join(", ", e.Uses)}"),
        ];
        Assert.True(backEdges.Length == 0, "Uses against the layers:\n" + string.Join("\n", backEdges));
    }

    [Fact]
    public void EveryFolder_HasALayer()
    {
        string[] unplaced = [.. Edges.SelectMany(e => new[] { e.From, e.To }).Distinct().Where(f => LayerOf(f) < 0)];
        Assert.True(unplaced.Length == 0, "Folders missing from the layer table: " + string.Join(", ", unplaced));
    }

    [Fact]
    public void TheReader_SeesCallsConstructorsPatternsAndTheEntryPoint()
    {
        // A call, a constructor and a property pattern (Trainer's `run is SupervisedRun { Diagnostics: ... }`), and the
        // top-level statements' Program: if the IL reader missed a kind of use, the layer test above would pass on a
        // partial graph.
        Assert.Contains(Edges, e => e is { From: "Reporting", To: "Tasks" } && e.Uses.Contains("ReportBuilder → TaskRegistry"));
        Assert.Contains(Edges, e => e is { From: "Runs", To: "Tasks" } && e.Uses.Contains("Trainer → UpdateDiagnostics"));
        Assert.Contains(Edges, e => e is { From: "Program", To: "Commands" });
    }

    private static int LayerOf(string folder) => Array.FindIndex(Layers, layer => layer.Contains(folder));
}
