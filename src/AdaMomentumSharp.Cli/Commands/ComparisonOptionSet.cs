using System.CommandLine;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// The options that say what a comparison trains, shared by `compare` and `sweep plan` so that both accept the same
/// command lines and refuse the same mistakes with the same words.
/// </summary>
public static class ComparisonOptionSet
{
    private static readonly Option<string?> Task = TaskOptions.Task("Task to train", "fashion-cnn");
    private static readonly Option<string[]> Optimizers = ListOption.OfNames("--optimizers", "Optimizers to compare.", OptimizerCatalog.Names, "adamomentum", "adam", "sgdm");
    private static readonly Option<int?> Epochs = new("--epochs") { Description = "Epochs per run (default: the task's)." };
    private static readonly Option<int> Seeds = new("--seeds") { Description = "Number of seeds; runs use seeds 1..N.", DefaultValueFactory = _ => 1 };
    private static readonly Option<int?> BatchSize = new("--batch-size") { Description = "Mini-batch size (default: the task's)." };
    private static readonly Option<(string Name, double Value)[]> Lr = ListOption.OfNamedPositiveNumbers("--lr", "Learning rates per optimizer, e.g. adam=1e-3,sgdm=0.1 " +
        "(default: the task's recipe).", OptimizerCatalog.Names);
    private static readonly Option<(string Name, double Value)[]> Eps = ListOption.OfNamedPositiveNumbers("--eps", "eps per optimizer, e.g. adamomentum=1e-16,adam=1e-8 " +
        "(default: each optimizer's eps in the authors' scripts, else the task's recipe).", OptimizerCatalog.Names);
    private static readonly Option<(string Name, double Value)[]> WeightDecay = ListOption.OfNamedNonNegativeNumbers("--weight-decay", "Weight decay per optimizer, e.g. adam=0 " +
        "(default: the task's recipe; under --protocol authors, as the authors' scripts set it).", OptimizerCatalog.Names);
    private static readonly Option<string> ProtocolOption = new Option<string>("--protocol")
    {
        Description = "tuned: every optimizer at the recipe's weight decay and its family's rate (tune it with --lr-grid); authors: rate and " +
            "weight decay per optimizer as the authors' scripts set them. Both give each optimizer the eps the " +
            "authors' scripts give it where they set one per optimizer (ptb-lstm), the task's otherwise.",
        DefaultValueFactory = _ => Protocol.Tuned,
        HelpName = "protocol",
    }.AcceptOnlyFromAmong([.. Protocol.Names]);
    private static readonly Option<double[]> LrGrid = ListOption.OfPositiveNumbers("--lr-grid", "Tune each optimizer's learning rate on the validation " +
        "split over these multiples of its default, e.g. 0.1,0.3,1,3,10.");
    private static readonly Option<int?> TrainLimit = new("--train-limit") { Description = "Use only the first N training examples (default: the task's; 0 for all)." };
    private static readonly Option<string?> Data = new("--data") { Description = "Data folder (default: where the Debian package installs it)." };
    private static readonly Option<string?> Out = new("--out") { Description = "Results folder (default: results/<task>-<timestamp>); an existing one is resumed." };
    private static readonly Option<int> Layers = new("--layers") { Description = "Layers of the LSTM language models (char-lstm, ptb-lstm: 1 to 3).", DefaultValueFactory = _ => 1 };
    private static readonly Option<string?> Schedule = new Option<string?>("--schedule")
    {
        Description = "Learning-rate schedule: step (×0.1 at 75 " +
        "% of the epochs), cosine, cifar-step (×0.2 at 30, 60 and 80 %), ptb-step (×0.1 at 50 and 72.5 %) or none " +
        "(default: the task's; cifar-step for the CIFAR tasks, ptb-step for ptb-lstm, none for the GANs, step for " +
        "the others).",
        HelpName = "schedule"
    }
        .AcceptOnlyFromAmong(LrSchedule.Names);
    private static readonly Option<int?> Hidden = new("--hidden")
    {
        Description = "Width of the model, for tasks that have one to choose: ptb-lstm's " +
        "LSTM units (default 1150), the DCGANs' base channels (default 64)."
    };
    private static readonly Option<string> Device = new Option<string>("--device")
    {
        Description = "Where models, batches and optimizers live: " +
        "cpu, or cuda with a CUDA backend of TorchSharp installed instead of TorchSharp-cpu.",
        DefaultValueFactory = _ => "cpu"
    }
        .AcceptOnlyFromAmong("cpu", "cuda");
    private static readonly Option<bool> Diagnostics = new("--diagnostics")
    {
        Description = "Also record, per epoch and parameter tensor, the " +
        "mean update per unit of learning rate and the share of AdaMomentum's second moment within 10x of its eps " +
        "floor (diagnostics/<run>/epoch-N.csv, plotted in the report)."
    };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        Option[] options =
        [
            Task, Optimizers, Epochs, Seeds, BatchSize, ProtocolOption, Lr, Eps, WeightDecay, LrGrid, TrainLimit, Data, Out, Layers,
            Hidden, Device, Schedule, Diagnostics,
        ];
        foreach (Option option in options)
        {
            command.Add(option);
        }
    }

    public static ComparisonOptions Parse(ParseResult result)
    {
        ExperimentTask task = TaskRegistry.Get(result.GetValue(Task)!);
        var optimizers = result.GetValue(Optimizers)!.Select(OptimizerCatalog.Get).ToList();
        int seeds = CountLimits.Seeds(result.GetValue(Seeds));
        int epochs = CountLimits.Epochs(result.GetValue(Epochs) ?? task.DefaultEpochs);
        int batchSize = CountLimits.BatchSize(result.GetValue(BatchSize) ?? task.DefaultBatchSize);
        int? trainLimit = result.GetValue(TrainLimit) is int limit ? (CountLimits.TrainLimit(limit) == 0 ? null : limit) : task.DefaultTrainLimit;
        int layers = TaskOptions.Layers(task, result.GetValue(Layers));
        int? hidden = TaskOptions.Hidden(task, result.GetValue(Hidden));
        string device = TaskOptions.Device(result.GetValue(Device)!);
        var lrOverrides = PerOptimizer(result.GetValue(Lr) ?? [], optimizers, "--lr", "learning rate");
        var epsOverrides = PerOptimizer(result.GetValue(Eps) ?? [], optimizers, "--eps", "eps");
        if (epsOverrides.Keys.FirstOrDefault(name => !OptimizerCatalog.Get(name).HasEps) is string withoutEps)
        {
            throw new ArgumentException($"--eps names '{withoutEps}', which has no eps (SGD divides by nothing); give eps to adaptive methods only.");
        }
        var weightDecayOverrides = PerOptimizer(result.GetValue(WeightDecay) ?? [], optimizers, "--weight-decay", "weight decay");
        string protocol = result.GetValue(ProtocolOption)!;
        double[] lrGrid = result.GetValue(LrGrid) ?? [];
        if (protocol == Protocol.Authors && lrGrid.Length > 0)
        {
            throw new ArgumentException("--lr-grid tunes each optimizer's rate, which --protocol authors sets as the authors' scripts do; use one or the other.");
        }
        string output = OutputPath.Folder(result.GetValue(Out) ?? Path.Combine("results", $"{task.Name}-{DateTime.Now:yyyyMMdd-HHmmss}"), "--out");
        var options = new ComparisonOptions(task, optimizers, epochs, Enumerable.Range(1, seeds).ToList(), batchSize, lrOverrides,
            lrGrid, trainLimit, TaskOptions.DataFolder(task, result.GetValue(Data)), output, layers,
            result.GetValue(Schedule) ?? task.DefaultSchedule, hidden, device, protocol,
            [.. epsOverrides.Select(p => (p.Key, p.Value))], [.. weightDecayOverrides.Select(p => (p.Key, p.Value))], result.GetValue(Diagnostics));
        LearningRateRange.Check(options);
        return options;
    }

    /// <exception cref="ArgumentException"><paramref name="option"/> names an optimizer twice, or one that is not compared.</exception>
    private static Dictionary<string, double> PerOptimizer(IEnumerable<(string Name, double Value)> pairs, List<OptimizerSpec> optimizers,
                                                           string option, string what)
    {
        var values = new Dictionary<string, double>();
        foreach (var (name, value) in pairs)
        {
            if (optimizers.All(o => o.Name != name))
            {
                throw new ArgumentException($"{option} names '{name}', which is not among --optimizers ({string.Join(", ", optimizers.Select(o => o.Name))}).");
            }
            if (!values.TryAdd(name, value))
            {
                throw new ArgumentException($"{option} gives '{name}' twice ({values[name]:G} and {value:G}); give each optimizer one {what}.");
            }
        }
        return values;
    }
}
