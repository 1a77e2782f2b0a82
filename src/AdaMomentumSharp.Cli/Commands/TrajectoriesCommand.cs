using System.CommandLine;
using AdaMomentumSharp.Experiments;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Trajectories;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>`adamomentum trajectories`: optimizer paths on 2-D test functions, one PNG per function.</summary>
public static class TrajectoriesCommand
{
    public const string SummaryFileName = "trajectories.csv";

    public static Command Create()
    {
        var optimizers = ListOption.OfNames("--optimizers", "Optimizers to draw.", OptimizerCatalog.Names, "adamomentum", "adam", "sgdm", "adabelief");
        string[] functionNames = [.. TestFunction.All.Select(f => f.Name)];
        var functions = ListOption.OfNames("--functions", "Test functions to draw on.", functionNames, functionNames);
        var output = new Option<string>("--out") { Description = "Folder for the pictures.", DefaultValueFactory = _ => Path.Combine("results", "trajectories") };
        var command = new Command("trajectories", "Draw optimizer paths over the contours of Rosenbrock, Beale, a saddle and a noisy quadratic.")
        {
            optimizers, functions, output,
        };
        command.SetAction(result =>
        {
            var specs = result.GetValue(optimizers)!.Select(OptimizerCatalog.Get).ToList();
            var chosen = result.GetValue(functions)!.Select(name => TestFunction.All.Single(f => f.Name == name)).ToList();
            Write(OutputPath.Folder(result.GetValue(output)!, "--out"), chosen, specs);
            return 0;
        });
        return command;
    }

    /// <summary>Runs every optimizer on every function; writes trajectory-&lt;function&gt;.png and a CSV of end points.</summary>
    public static void Write(string directory, IReadOnlyList<TestFunction> functions, IReadOnlyList<OptimizerSpec> specs)
    {
        Directory.CreateDirectory(directory);
        var ends = new List<TrajectoryEnd>();
        foreach (TestFunction function in functions)
        {
            var paths = specs.Select(spec => TrajectoryRunner.Run(function, spec, seed: 1)).ToList();
            string picture = Path.Combine(directory, $"trajectory-{function.Name}.png");
            TrajectoryPlotter.Write(picture, function, paths);
            ends.AddRange(paths.Select(path => TrajectoryEnd.Of(function, path)));
            Console.WriteLine($"Wrote {picture}");
        }
        CsvFile.Write(Path.Combine(directory, SummaryFileName), ends);
    }
}
