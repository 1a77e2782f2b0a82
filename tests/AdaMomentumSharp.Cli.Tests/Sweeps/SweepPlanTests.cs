using System.Diagnostics;
using System.Text.Json.Nodes;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Sweeps;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>A comparison as a plan: its runs, their ids and order, and how a folder's plan is claimed and replaced.</summary>
public sealed class SweepPlanTests : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private ComparisonOptions Options(double[] grid, int seeds) => new(
        TaskRegistry.Get("fashion-mlp"), [OptimizerCatalog.Get("adam"), OptimizerCatalog.Get("sgdm")], 2, [.. Enumerable.Range(1, seeds)], 32,
        new Dictionary<string, double>(), grid, 300, folder.Path, folder.Path, 1, "step");

    [Fact]
    public void For_WithoutAGrid_EachOptimizerEachSeedAtItsRate_InCompareOrder()
    {
        SweepPlan plan = SweepPlan.For(Options([], seeds: 2));

        Assert.Equal(["adam-lr0.001-seed1", "adam-lr0.001-seed2", "sgdm-lr0.1-seed1", "sgdm-lr0.1-seed2"], plan.Runs.Select(r => r.Id));
        Assert.Equal([0, 1, 2, 3], plan.Runs.Select(r => r.Index));
        Assert.All(plan.Runs, r => Assert.False(r.Tunes));
    }

    [Fact]
    public void For_WithAGrid_TuningRunsOnTheFirstSeedFirst_ThenTheOtherSeedsAtTheTunedRate()
    {
        SweepPlan plan = SweepPlan.For(Options([1, 3, 1.0], seeds: 3));

        Assert.Equal(["adam-lr0.001-seed1", "adam-lr0.003-seed1", "sgdm-lr0.1-seed1", "sgdm-lr0.3-seed1",
                      "adam-tuned-seed2", "adam-tuned-seed3", "sgdm-tuned-seed2", "sgdm-tuned-seed3"], plan.Runs.Select(r => r.Id));
        Assert.Equal([true, true, true, true, false, false, false, false], plan.Runs.Select(r => r.Tunes));
        Assert.All(plan.Runs.Where(r => !r.Tunes), r => Assert.Null(r.Lr));
        Assert.Equal(["adam-lr0.001-seed1", "adam-lr0.003-seed1"], plan.TuningRuns("adam").Select(r => r.Id));
    }

    [Fact]
    public void WrittenAndReadBack_IsTheSamePlan_WithTheSameFingerprint_AndItsOptionsGiveTheSameSettings()
    {
        ComparisonOptions options = Options([1, 3], seeds: 2);
        SweepPlan plan = SweepPlan.For(options);
        plan.Claim(folder.Path);

        SweepPlan read = SweepPlan.Read(folder.Path);

        Assert.Equal(plan.Fingerprint, read.Fingerprint);
        Assert.Equal(plan.Runs, read.Runs);
        Assert.Equal(options.Settings, read.Options(folder.Path).Settings);
        Assert.NotEqual(plan.Fingerprint, SweepPlan.For(Options([1, 3], seeds: 3)).Fingerprint);
    }

    [Fact]
    public void Claim_AnotherPlanWhileARunOfTheFolderIsBeingTrained_IsRefused_AndTheOldPlanStays()
    {
        SweepPlan first = SweepPlan.For(Options([1, 3], seeds: 2)), second = SweepPlan.For(Options([1, 3, 10], seeds: 2));
        first.Claim(folder.Path);
        using Process sleeper = Process.Start("sleep", "60");
        try
        {
            string lockFile = new RunStore(folder.Path).LockPath("adam", 0.001, 1);
            Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
            ResultsJson.Write(lockFile, new RunLock.Holder(Environment.MachineName, sleeper.Id));

            var e = Assert.Throws<ClaimedFolderException>(() => second.Claim(folder.Path));

            Assert.StartsWith($"{folder.Path} is being trained under another plan: process {sleeper.Id} on {Environment.MachineName} holds {lockFile}.", e.Message);
            Assert.Equal(first.Fingerprint, SweepPlan.Read(folder.Path).Fingerprint);
            first.Claim(folder.Path); // the same plan is kept, locked or not
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void Claim_AnotherPlanWhenNothingIsTraining_ReplacesIt()
    {
        SweepPlan.For(Options([1, 3], seeds: 2)).Claim(folder.Path);
        SweepPlan extended = SweepPlan.For(Options([1, 3, 10], seeds: 2));

        extended.Claim(folder.Path);

        Assert.Equal(extended.Fingerprint, SweepPlan.Read(folder.Path).Fingerprint);
    }

    /// <summary>Hand edits that keep the JSON readable but make the runs other than the plan's settings make them.</summary>
    public static TheoryData<string, string> Edits => new()
    {
        { "other-optimizer", "field Runs[1] is run 1 adam-lr0.003-seed1 (sgdm lr 0.003 seed 1, tuning), where its Optimizers, LrGridFactors and " +
            "Seeds make run 1 adam-lr0.003-seed1 (adam lr 0.003 seed 1, tuning)." },
        { "duplicate-index", "field Runs[1] is run 0 adam-lr0.003-seed1 (adam lr 0.003 seed 1, tuning), where its Optimizers, LrGridFactors and " +
            "Seeds make run 1 adam-lr0.003-seed1 (adam lr 0.003 seed 1, tuning)." },
        { "no-runs", "field Runs lists 0 runs, where its Optimizers, LrGridFactors and Seeds make 6." },
        { "no-seeds", "field Seeds holds [], where it must hold the seeds 1 to N, N from 1 to 100." },
        { "twice", "field Optimizers names 'adam' twice; it must name each optimizer once." },
        { "zero-rate", "field Optimizers gives sgdm the rate 0; it must be a positive number." },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void Read_APlanWhoseRunsItsSettingsDoNotMake_IsRefused_NamingTheField(string edit, string expected)
    {
        SweepPlan.For(Options([1, 3], seeds: 2)).Claim(folder.Path);
        string path = SweepPlan.PathIn(folder.Path);
        JsonNode plan = JsonNode.Parse(File.ReadAllText(path))!;
        JsonArray runs = plan["Runs"]!.AsArray();
        switch (edit)
        {
            case "other-optimizer": runs[1]!["Optimizer"] = "sgdm"; break;
            case "duplicate-index": runs[1]!["Index"] = 0; break;
            case "no-runs": runs.Clear(); break;
            case "no-seeds": plan["Seeds"]!.AsArray().Clear(); break;
            case "twice": plan["Optimizers"]!.AsArray().Add(plan["Optimizers"]![0]!.DeepClone()); break;
            case "zero-rate": plan["Optimizers"]![1]!["BaseLr"] = 0; break;
        }
        File.WriteAllText(path, plan.ToJsonString());

        var e = Assert.Throws<InvalidDataException>(() => SweepPlan.Read(folder.Path));

        Assert.Equal($"{path} is not a readable results file: {expected} Make the plan again with `adamomentum sweep plan ... --out {folder.Path}` (finished runs are kept and reused).", e.Message);
    }

    [Fact]
    public void Read_WithoutAPlan_SaysHowToMakeOne()
    {
        var e = Assert.Throws<InvalidDataException>(() => SweepPlan.Read(folder.Path));

        Assert.Equal($"{folder.Path} holds no sweep plan (sweep.json); make one with `adamomentum sweep plan ... --out {folder.Path}`.", e.Message);
    }
}
