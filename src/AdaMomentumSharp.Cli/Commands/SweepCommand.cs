using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Sweeps;
using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// `adamomentum sweep`: a comparison as a plan of independent runs (`plan`), trained by any executor over the same
/// folder: one run in this process (`run`, what a Slurm array task does), worker processes on this machine (`local`),
/// or a Slurm job array (`slurm`); `status` says where each run stands.
/// </summary>
public static partial class SweepCommand
{
    public static Command Create() => new("sweep", "Plan a comparison as independent runs and train them here, with local workers or on a Slurm cluster.")
    {
        Plan(), Run(), Local(), Slurm(), Status(),
    };

    private static Argument<string> Folder() => new("folder") { Description = "A results folder holding a plan (sweep.json) written by `adamomentum sweep plan` or `compare`." };

    private static Command Plan()
    {
        var command = new Command("plan", "Check a comparison's options and data and write its plan, DIR/sweep.json; takes every option of `compare`.");
        ComparisonOptionSet.AddTo(command);
        command.SetAction(result =>
        {
            ComparisonOptions options = ComparisonOptionSet.Parse(result);
            options.CheckData(CancellationToken.None);
            Directory.CreateDirectory(options.OutputDirectory);
            new RunStore(options.OutputDirectory).Claim(options.Settings);
            SweepPlan plan = SweepPlan.For(options);
            plan.Claim(options.OutputDirectory);
            Console.WriteLine($"Planned {plan.Runs.Count} runs in {SweepPlan.PathIn(options.OutputDirectory)}" +
                              (plan.Runs.Any(r => r.Lr is null) ? $" ({plan.Runs.Count(r => r.Tunes)} tuning runs first, then the other seeds at each optimizer's chosen rate)" : "") +
                              $". Train them with `adamomentum sweep local {options.OutputDirectory}` or `adamomentum sweep slurm {options.OutputDirectory}`.");
            return 0;
        });
        return command;
    }

    private static Command Run()
    {
        var folder = Folder();
        var index = new Option<int?>("--index") { Description = "The run to train, 0 to the plan's runs - 1 (default: $SLURM_ARRAY_TASK_ID)." };
        var fingerprint = new Option<string?>("--plan") { Description = "The plan's fingerprint the caller expects (the Slurm scripts pass it); refused if the plan has changed since." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads (default: $SLURM_CPUS_PER_TASK, else the machine's logical cores)." };
        var events = new Option<bool>("--progress-events") { Description = "Write progress as machine-readable lines, for `sweep local`, which displays them." };
        var command = new Command("run", "Train one run of a plan, resuming it from its last epoch checkpoint; exits 0 when it has finished, now or before.")
        {
            folder, index, fingerprint, threads, events,
        };
        command.SetAction((result, cancellation) => Task.Run(() =>
        {
            string directory = PlannedFolder(result.GetValue(folder)!);
            SweepPlan plan = SweepPlan.Read(directory);
            if (result.GetValue(fingerprint) is string expected && expected != plan.Fingerprint)
            {
                throw new ArgumentException($"--plan {expected}: {SweepPlan.PathIn(directory)} is another plan now ({plan.Fingerprint}); it was " +
                    $"made again since these scripts were written. Write them again with `adamomentum sweep slurm " +
                    $"{directory}`.");
            }
            PlannedRun run = plan.Runs[RunIndex(result.GetValue(index), plan, directory)];
            torch.set_num_threads(CountLimits.Threads(result.GetValue(threads) ?? SlurmCpus() ?? Environment.ProcessorCount));
            ComparisonOptions options = plan.Options(directory);
            var store = new RunStore(directory);
            store.Claim(plan.Settings);
            IProgressSink progress = result.GetValue(events) ? ProgressEvents.Writer(Console.Out) : new PlainProgress(Console.Out);
            TaskData? data = null;
            var runner = new SweepRunner(plan, options, store, progress, () =>
            {
                data = options.Task.LoadData(options.TaskSettings, cancellation);
                return new Trainer(options.Task, data, options.Settings, progress, options.Diagnostics ? directory : null);
            });
            if (run.Lr is null)
            {
                // Asked too early, not failed: refused before the try below, so that no failure marker says otherwise.
                runner.TunedLr(run.Optimizer, run);
            }
            try
            {
                runner.Obtain(run, cancellation);
                File.Delete(SweepStatus.FailureMarker(directory, run));
                return 0;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                Console.Error.WriteLine($"Interrupted: run {run.Index} ({run.Label}) keeps its last epoch checkpoint and resumes from it when it is run again.");
                return CompareCommand.InterruptedExitCode;
            }
            catch (Exception e) when (e is not ClaimedFolderException)
            {
                SweepStatus.MarkFailed(directory, run, ErrorLine.Message(e));
                throw;
            }
            finally
            {
                data?.Dispose();
            }
        }, CancellationToken.None));
        return command;
    }

    private static Command Local()
    {
        var folder = Folder();
        var jobs = new Option<int?>("--jobs") { Description = "Worker processes (default: one per logical core)." };
        var threads = new Option<int?>("--threads") { Description = "CPU threads of each worker (default: the cores shared evenly)." };
        var quiet = new Option<bool>("--quiet") { Description = "Plain one-line-per-epoch output instead of the live display." };
        var command = new Command("local", "Train a plan with worker processes on this machine, then write its report.") { folder, jobs, threads, quiet };
        command.SetAction((result, cancellation) => Task.Run(() =>
        {
            string directory = PlannedFolder(result.GetValue(folder)!);
            SweepPlan plan = SweepPlan.Read(directory);
            ComparisonOptions options = plan.Options(directory);
            int count = result.GetValue(jobs) ?? Environment.ProcessorCount;
            var workers = new LocalSweep.Workers(count, Workers.ThreadsEach(count, result.GetValue(threads) ?? 0, result.GetValue(threads) is null), SelfInvocation.Command());
            try
            {
                ProgressDisplay.Run(directory, result.GetValue(quiet), (progress, display) =>
                {
                    new LocalSweep(directory, plan, workers, progress, display).Run(cancellation);
                    ComparisonRunner.WriteReport(options, progress);
                });
                return 0;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                Console.Error.WriteLine($"Interrupted. Finished runs, and each unfinished run's last epoch checkpoint, are kept in " +
                                        $"{directory}; run `adamomentum sweep local {directory}` again to resume.");
                return CompareCommand.InterruptedExitCode;
            }
        }, CancellationToken.None));
        return command;
    }

    private static Command Slurm()
    {
        var folder = Folder();
        var partition = new Option<string?>("--partition") { Description = "Slurm partition of the array's tasks (default: the cluster's)." };
        var time = new Option<string?>("--time") { Description = "Time limit of each task, [D-]HH:MM:SS (default: the partition's)." };
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPU cores of each task; its run uses that many threads.", DefaultValueFactory = _ => 1 };
        var gpus = new Option<int?>("--gpus-per-task") { Description = "GPUs of each task (for a plan made with --device cuda)." };
        var maxParallel = new Option<int?>("--max-parallel") { Description = "At most this many tasks at once (the array's %K)." };
        var submit = new Option<bool>("--submit") { Description = "Submit the scripts with sbatch and print the job ids (default: print the sbatch commands)." };
        var command = new Command("slurm", "Write Slurm batch scripts that train a plan as a job array and then write its report; optionally submit them.")
        {
            folder, partition, time, cpus, gpus, maxParallel, submit,
        };
        command.SetAction(result =>
        {
            string directory = Path.GetFullPath(PlannedFolder(result.GetValue(folder)!));
            SweepPlan plan = SweepPlan.Read(directory);
            var resources = new SlurmScripts.Resources(
                result.GetValue(partition) is string p ? SlurmWord(p, "--partition") : null,
                result.GetValue(time) is string t ? TimeLimit(t) : null,
                OptionCheck.Between(result.GetValue(cpus), 1, 4096, "--cpus-per-task", "more cores than any node has"),
                result.GetValue(gpus) is int g ? OptionCheck.Between(g, 1, 64, "--gpus-per-task", "more GPUs than any node has") : null,
                result.GetValue(maxParallel) is int k ? OptionCheck.Between(k, 1, plan.Runs.Count, "--max-parallel", $"the plan's {plan.Runs.Count} runs") : null);
            if (resources.GpusPerTask is not null && plan.Settings.Device != "cuda")
            {
                throw new ArgumentException($"--gpus-per-task: the plan in {directory} trains on {plan.Settings.Device}; plan it with --device cuda to use GPUs.");
            }
            var scripts = SlurmScripts.Write(directory, plan, resources, SelfInvocation.Command());
            if (result.GetValue(submit))
            {
                var ids = SlurmScripts.Submit(scripts);
                Console.WriteLine(string.Join(Environment.NewLine, scripts.Select((s, i) => $"Submitted {Path.GetFileName(s.Path)} as job {ids[i]}")));
                Console.WriteLine($"Watch it with `squeue -j {string.Join(",", ids)}` or `adamomentum sweep status {directory}`.");
            }
            else
            {
                Console.WriteLine($"Wrote {string.Join(", ", scripts.Select(s => s.Path))}. Submit them with:");
                Console.Write(SlurmScripts.Commands(scripts));
            }
            return 0;
        });
        return command;
    }

    private static Command Status()
    {
        var folder = Folder();
        var command = new Command("status", "Say which runs of a plan have finished, are running, failed or wait, from the folder alone.") { folder };
        command.SetAction(result =>
        {
            string directory = PlannedFolder(result.GetValue(folder)!);
            Console.WriteLine(SweepStatus.Describe(directory, SweepStatus.Of(directory, SweepPlan.Read(directory))));
            return 0;
        });
        return command;
    }

    /// <exception cref="ArgumentException">Not an existing folder.</exception>
    private static string PlannedFolder(string folder) =>
        OptionCheck.ExistingFolder(folder, "sweep", $"a results folder holding a plan ({SweepPlan.FileName}), made by `adamomentum sweep plan ... --out DIR`");

    private static int RunIndex(int? given, SweepPlan plan, string directory)
    {
        string? fromSlurm = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID");
        int index = given ?? (int.TryParse(fromSlurm, NumberStyles.None, CultureInfo.InvariantCulture, out int task) ? task
            : string.IsNullOrEmpty(fromSlurm)
                ? throw new ArgumentException("--index: give the run to train (0 to " + (plan.Runs.Count - 1) + "), or run inside a Slurm array task, which sets SLURM_ARRAY_TASK_ID.")
                : throw new ArgumentException($"SLURM_ARRAY_TASK_ID '{fromSlurm}': it must be a whole number, the index of a run of the plan in " +
                    $"{directory} (0 to {plan.Runs.Count - 1}); or give --index."));
        return OptionCheck.Between(index, 0, plan.Runs.Count - 1, given is null ? "SLURM_ARRAY_TASK_ID" : "--index", $"the plan in {directory} has {plan.Runs.Count} runs, numbered from 0");
    }

    private static int? SlurmCpus() =>
        int.TryParse(Environment.GetEnvironmentVariable("SLURM_CPUS_PER_TASK"), NumberStyles.None, CultureInfo.InvariantCulture, out int cpus) && cpus > 0
            ? Math.Min(cpus, Environment.ProcessorCount)
            : null;

    private static string TimeLimit(string time) => TimeFormat().IsMatch(time)
        ? time
        : throw new ArgumentException($"--time '{time}': it must be [D-]HH:MM:SS, with minutes and seconds below 60 and, after days, hours below 24, e.g. 02:00:00 or 1-12:00:00.");

    private static string SlurmWord(string value, string option) => SlurmName().IsMatch(value)
        ? value
        : throw new ArgumentException($"{option} '{value}': it must be a Slurm name (letters, digits, '-', '_', '.').");

    [GeneratedRegex(@"^(\d{1,3}-([01]?\d|2[0-3])|\d{1,2}):[0-5]\d:[0-5]\d$")]
    private static partial Regex TimeFormat();

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex SlurmName();
}
