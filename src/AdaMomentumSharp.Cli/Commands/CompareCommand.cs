using System.CommandLine;
using System.Globalization;
using AdaMomentumSharp.Cli.Experiments;
using AdaMomentumSharp.Cli.Optimizers;
using AdaMomentumSharp.Cli.Tasks;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>`adamomentum compare`: train one task with several optimizers over several seeds.</summary>
public static class CompareCommand
{
    private static readonly Option<string> Task = new("--task") { Description = $"Task: {string.Join(", ", TaskRegistry.All.Select(t => t.Name))}.", DefaultValueFactory = _ => "fashion-cnn" };
    private static readonly Option<string> Optimizers = new("--optimizers") { Description = $"Comma list of: {string.Join(", ", OptimizerCatalog.All.Select(o => o.Name))}.", DefaultValueFactory = _ => "adamomentum,adam,sgdm" };
    private static readonly Option<int?> Epochs = new("--epochs") { Description = "Epochs per run (default: the task's)." };
    private static readonly Option<int> Seeds = new("--seeds") { Description = "Number of seeds; runs use seeds 1..N.", DefaultValueFactory = _ => 1 };
    private static readonly Option<int?> BatchSize = new("--batch-size") { Description = "Mini-batch size (default: the task's)." };
    private static readonly Option<string?> Lr = new("--lr") { Description = "Learning rates per optimizer, e.g. adam=1e-3,sgdm=0.1 (default: the paper's setups)." };
    private static readonly Option<string?> LrGrid = new("--lr-grid") { Description = "Tune each optimizer's learning rate on the validation split over these multiples of its default, e.g. 0.1,0.3,1,3,10." };
    private static readonly Option<int?> TrainLimit = new("--train-limit") { Description = "Use only the first N training examples (default: the task's; 0 for all)." };
    private static readonly Option<string?> Data = new("--data") { Description = "Data folder (default: where the Debian package installs it)." };
    private static readonly Option<string?> Out = new("--out") { Description = "Results folder (default: results/<task>-<timestamp>); an existing one is resumed." };
    private static readonly Option<int> Threads = new("--threads") { Description = "CPU threads for TorchSharp and the fused step.", DefaultValueFactory = _ => Environment.ProcessorCount };
    private static readonly Option<int> Layers = new("--layers") { Description = "Layers of the language models (char-lstm: 1 to 3).", DefaultValueFactory = _ => 1 };
    private static readonly Option<string> Schedule = new("--schedule") { Description = "Learning-rate schedule: step (×0.1 at 75 % of the epochs), cosine or none.", DefaultValueFactory = _ => "step" };
    private static readonly Option<bool> Quiet = new("--quiet") { Description = "Plain one-line-per-epoch output instead of the live display." };

    public static Command Create()
    {
        var command = new Command("compare", "Train one task with several optimizers over several seeds; write metrics.csv, summary.json, report.md and plots.")
        {
            Task, Optimizers, Epochs, Seeds, BatchSize, Lr, LrGrid, TrainLimit, Data, Out, Threads, Layers, Schedule, Quiet,
        };
        command.SetAction(result =>
        {
            // Ctrl+C stops the current run between two batches; finished runs are already on disk.
            using var interrupt = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) =>
            {
                e.Cancel = true;
                interrupt.Cancel();
            };
            Console.CancelKeyPress += onCancel;
            try
            {
                return Execute(result, interrupt.Token);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        });
        return command;
    }

    private static int Execute(ParseResult result, CancellationToken cancellation)
    {
        ComparisonOptions options = Parse(result);
        int threads = result.GetValue(Threads);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1, "--threads");
        torch.set_num_threads(threads);

        Directory.CreateDirectory(options.OutputDirectory);
        using var log = new StreamWriter(Path.Combine(options.OutputDirectory, "run.log"), append: true);
        var fileSink = new PlainProgress(log);
        bool live = !result.GetValue(Quiet) && !Console.IsOutputRedirected;
        try
        {
            if (live)
            {
                LiveProgress.Run(sink => new ComparisonRunner(options, new TeeProgress(sink, fileSink)).Run(cancellation));
            }
            else
            {
                new ComparisonRunner(options, new TeeProgress(new PlainProgress(Console.Out), fileSink)).Run(cancellation);
            }
            return 0;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Interrupted. Finished runs are kept in {options.OutputDirectory}; run the same command with --out {options.OutputDirectory} to resume.");
            return 130;
        }
    }

    internal static ComparisonOptions Parse(ParseResult result)
    {
        ExperimentTask task = TaskRegistry.Get(result.GetValue(Task)!);
        var optimizers = Split(result.GetValue(Optimizers)!).Select(OptimizerCatalog.Get).DistinctBy(o => o.Name).ToList();
        int seeds = result.GetValue(Seeds);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds, 1, "--seeds");
        int epochs = result.GetValue(Epochs) ?? task.DefaultEpochs;
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1, "--epochs");
        int batchSize = result.GetValue(BatchSize) ?? task.DefaultBatchSize;
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1, "--batch-size");
        int? trainLimit = result.GetValue(TrainLimit) is int limit ? (limit == 0 ? null : limit) : task.DefaultTrainLimit;
        if (trainLimit < 0)
        {
            throw new ArgumentOutOfRangeException("--train-limit", trainLimit, "--train-limit must be 0 (all) or a positive count.");
        }
        string schedule = result.GetValue(Schedule)!;
        if (!LrSchedule.Names.Contains(schedule))
        {
            throw new ArgumentException($"--schedule must be one of {string.Join(", ", LrSchedule.Names)}; got '{schedule}'.");
        }
        var lrOverrides = ParseLearningRates(result.GetValue(Lr));
        foreach (string name in lrOverrides.Keys.Where(name => optimizers.All(o => o.Name != name)))
        {
            throw new ArgumentException($"--lr names '{name}', which is not among --optimizers ({string.Join(", ", optimizers.Select(o => o.Name))}).");
        }
        string output = result.GetValue(Out) ?? Path.Combine("results", $"{task.Name}-{DateTime.Now:yyyyMMdd-HHmmss}");
        return new ComparisonOptions(task, optimizers, epochs, Enumerable.Range(1, seeds).ToList(), batchSize, lrOverrides,
            Split(result.GetValue(LrGrid) ?? "").Select(f => ParsePositive(f, "--lr-grid")).ToList(), trainLimit,
            result.GetValue(Data) ?? task.DefaultDataDirectory, output, result.GetValue(Layers), schedule);
    }

    internal static Dictionary<string, double> ParseLearningRates(string? text) => Split(text ?? "").ToDictionary(
        pair => pair.Split('=') is [var name, _] ? OptimizerCatalog.Get(name.Trim()).Name : throw new ArgumentException($"--lr entries look like adam=1e-3; got '{pair}'."),
        pair => ParsePositive(pair.Split('=')[1], "--lr"));

    private static double ParsePositive(string text, string option) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{option}: '{text}' is not a positive number.");

    private static IEnumerable<string> Split(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
