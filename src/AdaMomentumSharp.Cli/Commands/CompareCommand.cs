using System.CommandLine;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Sweeps;
using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>`adamomentum compare`: train one task with several optimizers over several seeds.</summary>
public static class CompareCommand
{
    /// <summary>Exit code of a comparison stopped by Ctrl+C or SIGTERM (128 + SIGINT, as shells report it).</summary>
    public const int InterruptedExitCode = 130;

    private static readonly Option<int> Threads = new("--threads")
    {
        Description = "CPU threads for TorchSharp and the fused step (1 to the machine's " +
        "logical cores).",
        DefaultValueFactory = _ => Environment.ProcessorCount
    };
    private static readonly Option<int?> Jobs = new("--jobs") { Description = "Train with N worker processes at once, dividing the cores between them (default: one run at a time in this process)." };
    private static readonly Option<bool> Quiet = new("--quiet") { Description = "Plain one-line-per-epoch output instead of the live display." };

    public static Command Create()
    {
        var command = new Command("compare", "Train one task with several optimizers over several seeds; write metrics.csv, summary.json, report.md and plots.")
        {
            Threads, Jobs, Quiet,
        };
        ComparisonOptionSet.AddTo(command);
        // Ctrl+C and SIGTERM cancel the token (System.CommandLine registers both); the run stops between two batches
        // and finished runs are already on disk. Off the calling thread, so that the signal handlers are in place while it runs.
        command.SetAction((result, cancellation) => System.Threading.Tasks.Task.Run(() => Execute(result, cancellation), CancellationToken.None));
        return command;
    }

    private static int Execute(ParseResult result, CancellationToken cancellation)
    {
        ComparisonOptions options = ComparisonOptionSet.Parse(result);
        torch.set_num_threads(CountLimits.Threads(result.GetValue(Threads)));
        LocalSweep.Workers? workers = result.GetValue(Jobs) is int jobs
            ? new(jobs, Workers.ThreadsEach(jobs, result.GetValue(Threads), result.GetResult(Threads) is null or { Implicit: true }), SelfInvocation.Command())
            : null;
        if (workers is not null)
        {
            options.CheckData(cancellation);
        }

        bool newFolder = !Directory.Exists(options.OutputDirectory);
        Directory.CreateDirectory(options.OutputDirectory);
        try
        {
            return Execute(result, options, workers, cancellation);
        }
        catch (Exception e) when (newFolder && !cancellation.IsCancellationRequested && e is not ClaimedFolderException)
        {
            // A start that failed (missing data, say) leaves no results folder behind: nothing in it would be a result.
            // A folder another command claimed in the meantime is that command's.
            RemoveIfNoRunFinished(options.OutputDirectory);
            throw;
        }
    }

    /// <summary>Deletes a folder this command created when it holds no finished run and no epoch checkpoint to resume from.</summary>
    private static void RemoveIfNoRunFinished(string folder)
    {
        bool Holds(string sub) => Directory.Exists(Path.Combine(folder, sub)) &&
                                  Directory.EnumerateFileSystemEntries(Path.Combine(folder, sub)).Any();
        if (!Holds("runs") && !Holds("checkpoints"))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int Execute(ParseResult result, ComparisonOptions options, LocalSweep.Workers? workers, CancellationToken cancellation)
    {
        try
        {
            ProgressDisplay.Run(options.OutputDirectory, result.GetValue(Quiet), (progress, display) =>
                new ComparisonRunner(options, progress, workers, display)
                    .Run(cancellation));
            return 0;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Console.Error.WriteLine($"Interrupted. Finished runs, and each unfinished run's last epoch checkpoint, are kept in " +
                                    $"{options.OutputDirectory}; run the same command with --out {options.OutputDirectory} to resume.");
            return InterruptedExitCode;
        }
    }
}
