using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Sweeps;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// `sweep` end to end as a user runs it: every executor gives the sequential `compare`'s numbers, one run at a time
/// resumes and skips what is done, the Slurm scripts run as written, and mistakes end in one line.
/// </summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public SweepCommandTests() => SyntheticData.WriteFashionMnist(data.Path, trainCount: 300, testCount: 40);

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    private string[] Comparison(string output) =>
    [
        "--task", "fashion-mlp", "--optimizers", "adam,sgdm", "--epochs", "1", "--seeds", "2", "--lr-grid", "1,3",
        "--batch-size", "32", "--data", data.Path, "--out", output,
    ];

    private string Plan(string name)
    {
        string output = results.File(name);
        var (code, _, errors) = CliProcess.Run(["sweep", "plan", .. Comparison(output)]);
        Assert.True(code == 0, errors);
        return output;
    }

    /// <summary>metrics.csv's rows without the wall-clock column, in a fixed order.</summary>
    private static List<EpochMetrics> Metrics(string folder) =>
    [
        .. CsvFile.Read<EpochMetrics>(Path.Combine(folder, ComparisonResults.MetricsFileName))
            .Select(m => m with { Seconds = 0 }).OrderBy(m => m.Optimizer).ThenBy(m => m.Lr).ThenBy(m => m.Seed).ThenBy(m => m.Epoch),
    ];

    [Fact]
    public void SweepLocalAndCompareJobs_GiveTheSequentialComparesMetrics_RunForRun()
    {
        string sequential = results.File("sequential"), jobs = results.File("jobs");
        Assert.Equal(0, CliProcess.Run(["compare", .. Comparison(sequential), "--threads", "1", "--quiet"]).ExitCode);
        string local = Plan("local");

        var (localCode, localOutput, localErrors) = CliProcess.Run(["sweep", "local", local, "--jobs", "2", "--threads", "1", "--quiet"]);
        var (jobsCode, _, jobsErrors) = CliProcess.Run(["compare", .. Comparison(jobs), "--jobs", "2", "--threads", "1", "--quiet"]);

        Assert.True(localCode == 0, localErrors);
        Assert.True(jobsCode == 0, jobsErrors);
        Assert.Contains("6 of 6 runs to train with 2 worker processes of 1 thread(s) each", localOutput);
        Assert.Contains("adam: chose lr", localOutput);
        Assert.Equal(6 * 1, Metrics(sequential).Count);
        Assert.Equal(Metrics(sequential), Metrics(local));
        Assert.Equal(Metrics(sequential), Metrics(jobs));
        Assert.True(File.Exists(Path.Combine(local, "report.md")));
        Assert.Empty(Directory.GetFiles(local, "*.lock", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task SweepRun_TrainsExactlyItsRun_FromSlurmsTaskId_AndAgainExitsZeroWithoutTraining()
    {
        string plan = Plan("one");
        var slurm = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "1" };

        var (code, output, errors) = await CliProcess.RunAsync(["sweep", "run", plan], environment: slurm);
        var (again, againOutput, _) = await CliProcess.RunAsync(["sweep", "run", plan], environment: slurm);

        Assert.True(code == 0, errors);
        Assert.Contains("[adam lr 0.003 seed 1] done", output);
        Assert.Equal(["adam-lr0.003-seed1.json"], Directory.GetFiles(Path.Combine(plan, "runs")).Select(Path.GetFileName));
        Assert.Equal(0, again);
        Assert.Contains("adam lr 0.003 seed 1: already in", againOutput);
        Assert.DoesNotContain("starting", againOutput);
    }

    [Fact]
    public void SweepRun_AtATunedRateBeforeItsTuningRuns_EndsInOneLine_AndStatusShowsItFailed()
    {
        string plan = Plan("early");
        Assert.Equal(0, CliProcess.Run(["sweep", "run", plan, "--index", "0"]).ExitCode);

        var (code, _, errors) = CliProcess.Run(["sweep", "run", plan, "--index", "4"]);
        var (_, status, _) = CliProcess.Run(["sweep", "status", plan]);

        Assert.Equal(2, code);
        string expected = $"Run 4 (adam at its tuned rate, seed 2) of {plan} needs adam's tuning runs first: 1 of 2 have finished (not yet: 1 adam-lr0.003-seed1).";
        Assert.Equal($"error: {expected}", errors.Trim());
        Assert.Contains($"{plan}: 6 runs planned; 1 finished, 0 running, 0 failed, 5 pending.", status);
        Assert.Contains("adam-tuned-seed2  pending: waits for adam's tuning runs", status);
    }

    [Fact]
    public void SweepRun_AtATunedRateInAFreshPlan_SaysWhatItWaitsFor_AndLeavesNoFailureMarker()
    {
        string plan = Plan("fresh-early");

        var (code, _, errors) = CliProcess.Run(["sweep", "run", plan, "--index", "4"]);

        Assert.Equal(2, code);
        Assert.Equal($"error: Run 4 (adam at its tuned rate, seed 2) of {plan} needs adam's tuning runs first: 0 of 2 have finished (not yet: " +
            $"0 adam-lr0.001-seed1, 1 adam-lr0.003-seed1).", errors.Trim());
        Assert.False(Directory.Exists(Path.Combine(plan, RunStore.CheckpointsFolder)));
    }

    [Fact]
    public void SweepRun_ThatFailsInAFreshPlan_LeavesItsErrorForStatus_WithoutAnErrorPrefix()
    {
        string plan = Plan("fails");
        foreach (string file in Directory.GetFiles(data.Path))
        {
            File.Delete(file);
        }

        var (code, _, errors) = CliProcess.Run(["sweep", "run", plan, "--index", "0"]);
        var (_, status, _) = CliProcess.Run(["sweep", "status", plan]);

        Assert.Equal(2, code);
        string error = Assert.Single(errors.Trim().Split('\n'));
        Assert.StartsWith("error: Fashion-MNIST file", error);
        Assert.Contains($"{plan}: 6 runs planned; 0 finished, 0 running, 1 failed, 5 pending.", status);
        Assert.Contains($"     0  adam-lr0.001-seed1  failed: {error["error: ".Length..]}", status);
    }

    [Fact]
    public async Task SweepRun_WithASlurmTaskIdThatIsNoNumber_NamesItsValue_AndTrainsNothing()
    {
        string plan = Plan("bogus-task-id");
        var slurm = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "4294967297" };

        var (code, _, errors) = await CliProcess.RunAsync(["sweep", "run", plan], environment: slurm);

        Assert.Equal(2, code);
        Assert.Equal($"error: SLURM_ARRAY_TASK_ID '4294967297': it must be a whole number, the index of a run of the plan in {plan} (0 to 5); or give --index.", errors.Trim());
        Assert.Empty(Directory.GetFiles(Path.Combine(plan, "runs")));
    }

    [Fact]
    public void SweepRun_OnAPlanWhoseRunWasEditedToAnotherOptimizer_EndsInOneLineNamingTheField_WithNothingTrained()
    {
        string plan = Plan("edited");
        string path = SweepPlan.PathIn(plan);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"Optimizer\": \"adam\"", "\"Optimizer\": \"adamomentum\""));

        var (code, _, errors) = CliProcess.Run(["sweep", "run", plan, "--index", "0"]);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: {path} is not a readable results file: field Runs[0] is run 0 adam-lr0.001-seed1 (adamomentum lr 0.001 seed 1, tuning), where", errors.Trim());
        Assert.Single(errors.Trim().Split('\n'));
        Assert.Empty(Directory.GetFiles(Path.Combine(plan, "runs")));
    }

    [Fact]
    public void SweepStatusAndReport_NameWhatIsNotFinished()
    {
        string plan = Plan("partial");
        foreach (string index in new[] { "0", "1" })
        {
            Assert.Equal(0, CliProcess.Run(["sweep", "run", plan, "--index", index]).ExitCode);
        }

        var (_, status, _) = CliProcess.Run(["sweep", "status", plan]);
        var (reportCode, _, reportErrors) = CliProcess.Run(["report", plan]);

        Assert.StartsWith($"{plan}: 6 runs planned; 2 finished, 0 running, 0 failed, 4 pending.", status);
        Assert.Contains("adam-tuned-seed2  pending: at adam's tuned rate, 0.00", status);
        Assert.True(reportCode == 0, reportErrors);
        Assert.Contains("**Not finished yet:** 4 run(s) of the folder's plan (sweep.json): sgdm-lr0.1-seed1, sgdm-lr0.3-seed1, adam-tuned-seed2, sgdm-tuned-seed2.",
                        File.ReadAllText(Path.Combine(plan, "report.md")));
    }

    [Fact]
    public void Report_OfAPlanWithNoRunFinished_SaysSoAndPointsToStatus_WritingNothing()
    {
        string plan = Plan("nothing-yet");

        var (code, _, errors) = CliProcess.Run(["report", plan]);

        Assert.Equal(2, code);
        Assert.Equal($"error: {plan}: none of the 6 runs of its plan (sweep.json) has finished yet, so there is nothing to report; `adamomentum " +
            $"sweep status {plan}` says where each run stands.", errors.Trim());
        Assert.False(File.Exists(Path.Combine(plan, "report.md")));
    }

    [Theory]
    [InlineData(new[] { "--index", "6" }, "error: --index 6: it must be 5 or less (the plan in {0} has 6 runs, numbered from 0).")]
    [InlineData(new[] { "--index", "0", "--plan", "0123456789abcdef" }, "error: --plan 0123456789abcdef: {0}/sweep.json is another plan now")]
    [InlineData(new string[0], "error: --index: give the run to train (0 to 5), or run inside a Slurm array task, which sets SLURM_ARRAY_TASK_ID.")]
    public void SweepRun_Mistakes_EndInOneLine_WithNothingTrained(string[] extra, string expected)
    {
        string plan = Plan("mistakes");

        var (code, _, errors) = CliProcess.Run(["sweep", "run", plan, .. extra]);

        Assert.Equal(2, code);
        Assert.StartsWith(string.Format(expected, plan), errors.Trim());
        Assert.Single(errors.Trim().Split('\n'));
        Assert.Empty(Directory.GetFiles(Path.Combine(plan, "runs")));
    }

    [Fact]
    public void SweepSlurm_WritesScriptsThatRunAsWritten_AndPrintsTheirSbatchCommands()
    {
        string plan = Plan("slurm");

        var (code, output, errors) = CliProcess.Run(["sweep", "slurm", plan, "--partition", "debug", "--time", "00:10:00", "--max-parallel", "2"]);

        Assert.True(code == 0, errors);
        string slurm = Path.Combine(plan, SlurmScripts.Folder);
        string tune = File.ReadAllText(Path.Combine(slurm, "tune.sbatch")), array = File.ReadAllText(Path.Combine(slurm, "array.sbatch"));
        Assert.Contains("#SBATCH --array=0-3%2\n", tune);
        Assert.Contains("#SBATCH --array=4-5%2\n", array);
        Assert.Contains("#SBATCH --partition=debug\n#SBATCH --time=00:10:00\n", array);
        string fingerprint = SweepPlan.Read(plan).Fingerprint;
        Assert.Contains($"sweep run {plan} --index \"$SLURM_ARRAY_TASK_ID\" --plan {fingerprint}\n", array);
        Assert.Contains($"job0=$(sbatch --parsable {Path.Combine(slurm, "tune.sbatch")})", output);
        Assert.Contains($"job1=$(sbatch --parsable --dependency=afterok:$job0 {Path.Combine(slurm, "array.sbatch")})", output);
        Assert.Contains($"sbatch --dependency=afterany:$job1 {Path.Combine(slurm, "report.sbatch")}", output);

        RunAsANodeDoes(Path.Combine(slurm, "tune.sbatch"), taskId: 2);
        Assert.Equal(["sgdm-lr0.1-seed1.json"], Directory.GetFiles(Path.Combine(plan, "runs")).Select(Path.GetFileName));
    }

    /// <summary>Started as `dotnet adamomentum.dll`, the scripts name that assembly, the CLI's, and a node runs them.</summary>
    [Fact]
    public void SweepSlurm_FromACliStartedThroughDotnet_WritesScriptsThatStartTheCliAssembly()
    {
        string plan = Plan("through dotnet");
        string assembly = Path.Combine(AppContext.BaseDirectory, "adamomentum.dll");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", ["exec", assembly, "sweep", "slurm", plan])
        {
            RedirectStandardError = true,
        })!;
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, errors);
        string tune = Path.Combine(plan, SlurmScripts.Folder, "tune.sbatch");
        Assert.Contains($" {assembly} sweep run ", File.ReadAllText(tune));
        RunAsANodeDoes(tune, taskId: 0);
        Assert.Equal(["adam-lr0.001-seed1.json"], Directory.GetFiles(Path.Combine(plan, "runs")).Select(Path.GetFileName));
    }

    [Fact]
    public void SweepSlurm_InAFolderNamedWithBlanksQuotesHashAndPercent_WritesLogPathsSbatchReadsWhole_AndScriptsThatRun()
    {
        string plan = Plan("we ird'dir 50% #1 \"q\"");

        var (code, _, errors) = CliProcess.Run(["sweep", "slurm", plan]);

        Assert.True(code == 0, errors);
        string tune = Path.Combine(plan, SlurmScripts.Folder, "tune.sbatch");
        string outputLine = File.ReadAllLines(tune).Single(l => l.StartsWith("#SBATCH --output=", StringComparison.Ordinal));
        // sbatch expands %A and %a, and reads %% as one %.
        Assert.Equal([$"--output={plan.Replace("%", "%%")}/slurm/logs/tune-%A_%a.out"], SbatchArguments(outputLine["#SBATCH".Length..]));
        RunAsANodeDoes(tune, taskId: 0);
        Assert.Equal(["adam-lr0.001-seed1.json"], Directory.GetFiles(Path.Combine(plan, "runs")).Select(Path.GetFileName));
    }

    /// <summary>
    /// How sbatch reads the options of a #SBATCH line (Slurm's src/sbatch/opt.c, _get_argument, and Debian's sbatch as
    /// tried): blanks end an argument, even after a backslash outside quotes; otherwise a backslash takes the next
    /// character as it is; quotes group and are dropped; an unescaped '#' ends the line.
    /// </summary>
    private static List<string> SbatchArguments(string line)
    {
        var arguments = new List<string>();
        var current = new System.Text.StringBuilder();
        char? quote = null;
        bool started = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (c == '\\' && i + 1 < line.Length && (quote is not null || !char.IsWhiteSpace(line[i + 1])))
            {
                current.Append(line[++i]);
                started = true;
            }
            else if (quote is not null)
            {
                if (c == quote) { quote = null; } else { current.Append(c); }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                started = true;
            }
            else if (c == '#')
            {
                break;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (started) { arguments.Add(current.ToString()); current.Clear(); started = false; }
            }
            else
            {
                current.Append(c);
                started = true;
            }
        }
        if (started)
        {
            arguments.Add(current.ToString());
        }
        return arguments;
    }

    /// <summary>What a node does with a batch script: bash, with the task id Slurm sets.</summary>
    private static void RunAsANodeDoes(string script, int taskId)
    {
        var bash = new System.Diagnostics.ProcessStartInfo("bash", [script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        bash.Environment["SLURM_ARRAY_TASK_ID"] = taskId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var task = System.Diagnostics.Process.Start(bash)!;
        string taskErrors = task.StandardError.ReadToEnd();
        task.WaitForExit();
        Assert.True(task.ExitCode == 0, taskErrors);
    }

    [Fact]
    public void SweepSlurm_AfterThePlanWasMadeAgainWithoutItsSecondStage_LeavesNoScriptOfTheOldPlan()
    {
        string plan = Plan("restaged");
        Assert.Equal(0, CliProcess.Run(["sweep", "slurm", plan]).ExitCode);
        string[] oneSeed = Comparison(plan);
        oneSeed[Array.IndexOf(oneSeed, "--seeds") + 1] = "1";
        Assert.Equal(0, CliProcess.Run(["sweep", "plan", .. oneSeed]).ExitCode);

        var (code, output, errors) = CliProcess.Run(["sweep", "slurm", plan]);

        Assert.True(code == 0, errors);
        Assert.Equal(["report.sbatch", "tune.sbatch"], Directory.GetFiles(Path.Combine(plan, SlurmScripts.Folder)).Select(Path.GetFileName).Order());
        Assert.DoesNotContain("array.sbatch", output);
    }

    [Theory]
    [InlineData(new[] { "--submit" }, "error: sbatch is not on PATH: run this on a Slurm login node")]
    [InlineData(new[] { "--time", "2 hours" }, "error: --time '2 hours': it must be [D-]HH:MM:SS, with minutes and seconds below 60 and, after days, hours below 24, e.g. 02:00:00 or 1-12:00:00.")]
    [InlineData(new[] { "--time", "99:99:99" }, "error: --time '99:99:99': it must be [D-]HH:MM:SS, with minutes and seconds below 60")]
    [InlineData(new[] { "--time", "1-24:00:00" }, "error: --time '1-24:00:00': it must be [D-]HH:MM:SS, with minutes and seconds below 60")]
    [InlineData(new[] { "--gpus-per-task", "1" }, "error: --gpus-per-task: the plan in")]
    [InlineData(new[] { "--max-parallel", "7" }, "error: --max-parallel 7: it must be 6 or less (the plan's 6 runs).")]
    public async Task SweepSlurm_Mistakes_EndInOneLine(string[] extra, string expected)
    {
        string plan = Plan("slurm-mistakes");
        var noSlurm = new Dictionary<string, string> { ["PATH"] = "/nonexistent" };

        var (code, _, errors) = await CliProcess.RunAsync(["sweep", "slurm", plan, .. extra], environment: noSlurm);

        Assert.Equal(2, code);
        Assert.StartsWith(expected, errors.Trim());
        Assert.Single(errors.Trim().Split('\n'));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SweepSlurmSubmit_WhenSbatchPrintsNoJobId_SubmitsNothingAfterIt_AndSaysWhatItPrinted()
    {
        string plan = Plan("no-job-id");
        string bin = results.File("bin"), calls = results.File("calls");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "sbatch"), $"#!/bin/sh\necho \"$*\" >> '{calls}'\necho 'Submitted batch job 12'\n");
        File.SetUnixFileMode(Path.Combine(bin, "sbatch"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (code, _, errors) = await CliProcess.RunAsync(["sweep", "slurm", plan, "--submit"], environment: new Dictionary<string, string> { ["PATH"] = bin });

        Assert.Equal(2, code);
        string tune = Path.Combine(plan, SlurmScripts.Folder, "tune.sbatch");
        Assert.Equal($"error: sbatch --parsable printed 'Submitted batch job 12' for {tune}, where a job id was expected; nothing after it was submitted.", errors.Trim());
        Assert.Equal([$"--parsable {tune}"], File.ReadAllLines(calls));
    }

    [Fact]
    public void SweepLocalHelp_GivesThreadsOneDefault_TheCoresSharedEvenly()
    {
        var (code, output, _) = CliProcess.Run(["sweep", "local", "--help"]);

        Assert.Equal(0, code);
        string line = Assert.Single(output.Split('\n'), l => l.TrimStart().StartsWith("--threads", StringComparison.Ordinal));
        Assert.EndsWith("CPU threads of each worker (default: the cores shared evenly).", line.TrimEnd());
    }

    [Fact]
    public void SweepPlan_WithMissingData_EndsInOneLine_AndLeavesNoFolder()
    {
        string output = results.File("no-data");

        var (code, _, errors) = CliProcess.Run(["sweep", "plan", "--task", "fashion-mlp", "--data", results.File("nowhere"), "--out", output]);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", errors);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void CompareJobs_WithMissingDataFiles_EndsInOneLineBeforeAnyWorker_AndLeavesNoFolder()
    {
        string output = results.File("jobs-no-data"), empty = results.File("empty-data");
        Directory.CreateDirectory(empty);
        string[] arguments = Comparison(output);
        arguments[Array.IndexOf(arguments, "--data") + 1] = empty;

        var (code, _, errors) = CliProcess.Run(["compare", .. arguments, "--jobs", "1", "--quiet"]);

        Assert.Equal(2, code);
        Assert.StartsWith($"error: Fashion-MNIST file train-images-idx3-ubyte.gz is missing from {empty}.", Assert.Single(errors.Trim().Split('\n')));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void CompareJobs_BeyondTheCores_IsRefusedBeforeAnyWork()
    {
        string output = results.File("too-many");
        int cores = Environment.ProcessorCount;

        var (code, _, errors) = CliProcess.Run(["compare", .. Comparison(output), "--jobs", (cores + 1).ToString()]);

        Assert.Equal(2, code);
        Assert.Equal($"error: --jobs {cores + 1}: it must be {cores} or less (this machine's {cores} logical cores, one per worker at least).", errors.Trim());
        Assert.False(Directory.Exists(output));
    }
}
