using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdaMomentumSharp.Cli.Bandwidth;
using AdaMomentumSharp.Cli.Optimizers;
using AdaMomentumSharp.Cli.Tasks;
using TorchSharp;
using TorchSharp.Modules;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>`adamomentum bench`: optimizer step time on CPU against the memory-bandwidth floor.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var parameters = new Option<long>("--parameters") { Description = "Total float32 parameters.", DefaultValueFactory = _ => 1L << 24 };
        var tensors = new Option<int>("--tensors") { Description = "How many tensors the parameters are split into.", DefaultValueFactory = _ => 62 };
        var steps = new Option<int>("--steps") { Description = "Timed steps per optimizer (after 3 warm-up steps).", DefaultValueFactory = _ => 20 };
        var optimizers = ListOption.OfNames("--optimizers", "Optimizers to time.", OptimizerCatalog.Names, "adamomentum", "adam", "adamw", "sgdm");
        var output = new Option<string?>("--out") { Description = "Also write the table as Markdown to this file." };
        var task = new Option<string?>("--task") { Description = "Step the parameter list of this task's model instead of --parameters/--tensors." }
            .AcceptOnlyFromAmong([.. TaskRegistry.All.Select(t => t.Name)]);
        var data = new Option<string?>("--data") { Description = "Data folder of --task (default: where the Debian package installs it)." };
        var layers = new Option<int>("--layers") { Description = "Layers of --task's language model.", DefaultValueFactory = _ => 1 };
        var command = new Command("bench", "Time one optimizer step on CPU (ours vs TorchSharp's) beside the memory-bandwidth floor.")
        {
            parameters, tensors, steps, optimizers, output, task, data, layers,
        };
        command.SetAction(result =>
        {
            long total = result.GetValue(parameters);
            int count = result.GetValue(tensors), timed = result.GetValue(steps);
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, "--tensors");
            ArgumentOutOfRangeException.ThrowIfLessThan(total, count, "--parameters");
            ArgumentOutOfRangeException.ThrowIfLessThan(timed, 1, "--steps");
            var specs = result.GetValue(optimizers)!.Select(OptimizerCatalog.Get).ToList();
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

    /// <summary>The parameter list of a task's model (its data is loaded for the model's shape, e.g. the alphabet).</summary>
    public static Parameter[] TaskParameters(ExperimentTask task, string? dataDirectory, int layers)
    {
        var settings = new TaskSettings(dataDirectory ?? task.DefaultDataDirectory, TrainLimit: 1, Layers: layers);
        using TaskData data = task.LoadData(settings);
        return task.CreateModel(data, settings).parameters().ToArray();
    }

    /// <summary>Times each optimizer's step (median of <paramref name="steps"/>) and returns a Markdown table.</summary>
    public static string Run(Parameter[] parameters, string what, int steps, IReadOnlyList<OptimizerSpec> specs)
    {
        long total = parameters.Sum(p => p.numel());
        int count = parameters.Length;
        foreach (Parameter p in parameters)
        {
            p.grad = torch.randn(p.shape).mul_(1e-2);
        }
        double triadGBs = StreamTriad.BestBandwidth(total, Environment.ProcessorCount);
        double floorMs = 28.0 * total / (triadGBs * 1e9) * 1e3;
        var table = new StringBuilder();
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Step time on {what} {total:N0} float32 parameters in {count} tensors, {Environment.ProcessorCount} cores, median of {steps} steps."));
        table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Bandwidth floor: 28 bytes per element at the triad's {triadGBs:F1} GB/s = {floorMs:F2} ms."));
        table.AppendLine().AppendLine("| optimizer | ms / step | GB/s (28 B/element) | × floor | × adam |").AppendLine("|---|---:|---:|---:|---:|");
        var times = new Dictionary<string, double>();
        foreach (OptimizerSpec spec in specs)
        {
            using torch.optim.Optimizer optimizer = spec.Create(parameters, new OptimizerSettings(1e-4, 0, 1e-8, Environment.ProcessorCount));
            times[spec.Name] = MedianStepMilliseconds(optimizer, steps);
        }
        foreach (var (name, ms) in times)
        {
            string relative = times.TryGetValue("adam", out double adam) ? (ms / adam).ToString("F2", CultureInfo.InvariantCulture) : "–";
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {ms:F2} | {28.0 * total / (ms * 1e-3) / 1e9:F1} | {ms / floorMs:F2} | {relative} |"));
        }
        foreach (Parameter p in parameters)
        {
            p.Dispose();
        }
        return table.ToString();
    }

    private static double MedianStepMilliseconds(torch.optim.Optimizer optimizer, int steps)
    {
        for (int i = 0; i < 3; i++)
        {
            optimizer.step();
        }
        var times = new double[steps];
        for (int i = 0; i < steps; i++)
        {
            var clock = Stopwatch.StartNew();
            optimizer.step();
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[steps / 2];
    }
}
