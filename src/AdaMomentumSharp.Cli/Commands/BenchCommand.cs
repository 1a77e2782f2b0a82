using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdaMomentumSharp.Experiments.Bandwidth;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Tasks;
using AdaMomentumSharp.Files;
using MathNet.Numerics.Statistics;
using TorchSharp;
using TorchSharp.Modules;
using static System.FormattableString;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>`adamomentum bench`: optimizer step time on CPU against the memory-bandwidth floor.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var parameters = new Option<long>("--parameters") { Description = "Total float32 parameters.", DefaultValueFactory = _ => 1L << 24 };
        var tensors = new Option<int>("--tensors") { Description = "How many tensors the parameters are split into.", DefaultValueFactory = _ => 62 };
        var steps = new Option<int>("--steps") { Description = "Timed steps per optimizer (after 3 warm-up steps).", DefaultValueFactory = _ => 20 };
        var optimizers = ListOption.OfNames("--optimizers", "Optimizers to time.", OptimizerCatalog.Names,
                                             "adamomentum", "adabelief", "radam", "yogi", "adabound", "adam");
        var output = new Option<string?>("--out") { Description = "Also write the table as Markdown to this file." };
        var task = TaskOptions.Task("Step the parameter list of this task's model instead of --parameters/--tensors");
        var data = new Option<string?>("--data") { Description = "Data folder of --task (default: where the Debian package installs it)." };
        var layers = new Option<int>("--layers") { Description = "Layers of --task's language model.", DefaultValueFactory = _ => 1 };
        var command = new Command("bench", "Time one optimizer step on CPU (ours vs TorchSharp's) beside the memory-bandwidth floor.")
        {
            parameters, tensors, steps, optimizers, output, task, data, layers,
        };
        command.SetAction(result =>
        {
            var specs = result.GetValue(optimizers)!.Select(OptimizerCatalog.Get).ToList();
            long total = result.GetValue(parameters);
            int count = CountLimits.Tensors(result.GetValue(tensors)), timed = CountLimits.Steps(result.GetValue(steps));
            OptionCheck.AtLeast(total, count, "--parameters", minimumNamed: "--tensors");
            CountLimits.BenchParameters(total, specs);
            if (result.GetValue(output) is string outputPath)
            {
                OutputPath.File(outputPath, "--out");
            }
            torch.manual_seed(1);
            Parameter[] list = result.GetValue(task) is string name
                ? TaskParameters(TaskRegistry.Get(name), result.GetValue(data), result.GetValue(layers))
                : SplitParameters(total, count);
            string what = result.GetValue(task) is string taskName ? $"the {taskName} model's" : "random";
            string table = Run(list, what, timed, specs);
            Console.Write(table);
            if (result.GetValue(output) is string path)
            {
                AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(table)));
            }
            return 0;
        });
        return command;
    }

    /// <summary><paramref name="total"/> float32 parameters split into <paramref name="count"/> tensors.</summary>
    public static Parameter[] SplitParameters(long total, int count)
    {
        long each = total / count;
        return Enumerable.Range(0, count).Select(i => new Parameter(torch.randn(i < count - 1 ? each : total - each * (count - 1)))).ToArray();
    }

    /// <summary>
    /// The parameters of every network of a task's run (its data is loaded for the networks' shapes, e.g. the alphabet);
    /// they live as long as the process, the run being left undisposed.
    /// </summary>
    public static Parameter[] TaskParameters(ExperimentTask task, string? dataDirectory, int layers)
    {
        var settings = new TaskSettings(TaskOptions.DataFolder(task, dataDirectory), TrainLimit: 1, Layers: TaskOptions.Layers(task, layers));
        using TaskData data = task.LoadData(settings);
        TrainingRun run = task.CreateRun(data, settings, p => torch.optim.SGD(p, 0.1));
        return run.Modules.SelectMany(m => m.Module.parameters()).ToArray();
    }

    /// <summary>
    /// Times each optimizer's step against the machine's bandwidth at the same moment: every timed step follows a
    /// STREAM triad over as many elements, so a busy machine slows both and their ratio stays meaningful. Each
    /// optimizer's floor is its own bytes per element (<see cref="OptimizerSpec.BytesPerElement"/>) at the triad's
    /// bandwidth of that round. Returns a Markdown table, with a warning when the triad itself varied too much.
    /// </summary>
    public static string Run(Parameter[] parameters, string what, int steps, IReadOnlyList<OptimizerSpec> specs)
    {
        long total = parameters.Sum(p => p.numel());
        int count = parameters.Length, threads = Environment.ProcessorCount;
        using Scalar gradientScale = 1e-2.ToScalar();
        foreach (Parameter p in parameters)
        {
            p.grad = torch.randn(p.shape).mul_(gradientScale);
        }
        var triad = new StreamTriad.Arrays(total);
        var table = new StringBuilder();
        table.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Step time on {what} {total:N0} float32 parameters in {count} tensors, {threads} cores; each of {steps} timed steps follows a triad over {triad.Length:N0} elements."));
        table.AppendLine();
        var rows = new List<(OptimizerSpec Spec, Measurement Result)>();
        foreach (OptimizerSpec spec in specs)
        {
            using torch.optim.Optimizer optimizer = spec.Create(parameters, new OptimizerSettings(1e-4, 0, 1e-8, threads));
            rows.Add((spec, Measure(optimizer, triad, spec.BytesPerElement, total, steps, threads)));
        }
        double? adam = rows.Where(r => r.Spec.Name == "adam").Select(r => (double?)r.Result.MedianStepMs).FirstOrDefault();
        string Row((OptimizerSpec Spec, Measurement Result) row)
        {
            var (spec, r) = row;
            string relative = adam is double a ? (r.MedianStepMs / a).ToString("F2", CultureInfo.InvariantCulture) : "–";
            return MarkdownTable.Row([spec.Name, Invariant($"{spec.BytesPerElement}"), Invariant($"{r.MedianStepMs:F2}"),
                Invariant($"{spec.BytesPerElement * total / (r.MedianStepMs * 1e-3) / 1e9:F1}"),
                Invariant($"{r.MedianTriadGBs:F1} ({r.MinTriadGBs:F1}–{r.MaxTriadGBs:F1})"),
                Invariant($"{r.MedianFloorRatio:F2} ({r.LowerFloorRatio:F2}–{r.UpperFloorRatio:F2})"), relative]);
        }
        table.Append(MarkdownTable.Of(["optimizer", "bytes / element", "ms / step (median)", "GB/s", "triad GB/s (min–max)",
                                       "its floor ÷ step (median, quartiles)", "× adam"], rows.Select(Row)));
        double widest = rows.Select(r => r.Result.MaxTriadGBs / r.Result.MinTriadGBs).Prepend(1).Max();
        table.AppendLine().AppendLine("A ratio below 1 means the step took longer than moving its bytes at the triad's bandwidth would.");
        if (widest > NoisyTriadSpread)
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"**Warning:** the triad's bandwidth varied by a factor of {widest:F2} during this run (over {NoisyTriadSpread:F2} is noise): the machine was busy, so read these ratios as rough."));
        }
        foreach (Parameter p in parameters)
        {
            p.Dispose();
        }
        return table.ToString();
    }

    /// <summary>Above this max ÷ min of the triad's bandwidth within one optimizer's rounds, the table warns.</summary>
    public const double NoisyTriadSpread = 1.25;

    /// <summary>One optimizer's interleaved timings: step medians, triad bandwidths and the step ÷ floor ratio's quartiles.</summary>
    public sealed record Measurement(double MedianStepMs, double MedianTriadGBs, double MinTriadGBs, double MaxTriadGBs,
                                     double MedianFloorRatio, double LowerFloorRatio, double UpperFloorRatio);

    /// <summary>
    /// Times <paramref name="steps"/> steps, each right after a triad: that round's floor is <paramref name="bytesPerElement"/>
    /// per element at that triad's bandwidth, and the round's ratio is floor ÷ step time (1 = at the floor).
    /// </summary>
    internal static Measurement Measure(torch.optim.Optimizer optimizer, StreamTriad.Arrays triad, int bytesPerElement, long elements,
                                      int steps, int threads)
    {
        for (int i = 0; i < 3; i++)
        {
            optimizer.step();
            triad.Run(threads);
        }
        var stepMs = new double[steps];
        var triadGBs = new double[steps];
        var ratios = new double[steps];
        for (int i = 0; i < steps; i++)
        {
            double triadSeconds = triad.Run(threads);
            var clock = Stopwatch.StartNew();
            optimizer.step();
            stepMs[i] = clock.Elapsed.TotalMilliseconds;
            triadGBs[i] = StreamTriad.BytesPerElement * triad.Length / triadSeconds / 1e9;
            double floorMs = bytesPerElement * (double)elements / (triadGBs[i] * 1e9) * 1e3;
            ratios[i] = floorMs / stepMs[i];
        }
        return new Measurement(stepMs.Median(), triadGBs.Median(), triadGBs.Min(), triadGBs.Max(),
                               ratios.Median(), ratios.LowerQuartile(), ratios.UpperQuartile());
    }
}
