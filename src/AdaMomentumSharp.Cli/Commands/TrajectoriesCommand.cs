using System.CommandLine;
using System.Globalization;
using System.Text;
using AdaMomentumSharp.Cli.Optimizers;
using AdaMomentumSharp.Cli.Trajectories;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>`adamomentum trajectories`: optimizer paths on 2-D test functions, one PNG per function.</summary>
public static class TrajectoriesCommand
{
    public const string SummaryFileName = "trajectories.csv";

    public static Command Create()
    {
        var optimizers = new Option<string>("--optimizers") { Description = "Comma list of optimizers.", DefaultValueFactory = _ => "adamomentum,adam,sgdm,adabelief" };
        var functions = new Option<string>("--functions") { Description = $"Comma list of: {string.Join(", ", TestFunction.All.Select(f => f.Name))}.", DefaultValueFactory = _ => string.Join(",", TestFunction.All.Select(f => f.Name)) };
        var output = new Option<string>("--out") { Description = "Folder for the pictures.", DefaultValueFactory = _ => Path.Combine("results", "trajectories") };
        var command = new Command("trajectories", "Draw optimizer paths over the contours of Rosenbrock, Beale, a saddle and a noisy quadratic.")
        {
            optimizers, functions, output,
        };
        command.SetAction(result =>
        {
            var specs = result.GetValue(optimizers)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(OptimizerCatalog.Get).ToList();
            var chosen = result.GetValue(functions)!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(name => TestFunction.All.FirstOrDefault(f => f.Name == name)
                                ?? throw new ArgumentException($"Unknown function '{name}'. Known: {string.Join(", ", TestFunction.All.Select(f => f.Name))}."))
                .ToList();
            Write(result.GetValue(output)!, chosen, specs);
            return 0;
        });
        return command;
    }

    /// <summary>Runs every optimizer on every function; writes trajectory-&lt;function&gt;.png and a CSV of end points.</summary>
    public static void Write(string directory, IReadOnlyList<TestFunction> functions, IReadOnlyList<OptimizerSpec> specs)
    {
        Directory.CreateDirectory(directory);
        var csv = new StringBuilder("function,optimizer,steps,final_x,final_y,final_value\n");
        foreach (TestFunction function in functions)
        {
            var paths = specs.Select(spec => (spec.Name, TrajectoryRunner.Run(function, spec, seed: 1))).ToList();
            string picture = Path.Combine(directory, $"trajectory-{function.Name}.png");
            TrajectoryPlotter.Write(picture, function, paths);
            foreach (var (name, points) in paths)
            {
                var (x, y) = points[^1];
                csv.Append(string.Create(CultureInfo.InvariantCulture, $"{function.Name},{name},{points.Count - 1},{x:R},{y:R},{function.ValueAt(x, y):R}\n"));
            }
            Console.WriteLine($"Wrote {picture}");
        }
        AtomicFile.Write(Path.Combine(directory, SummaryFileName), stream => stream.Write(Encoding.UTF8.GetBytes(csv.ToString())));
    }
}
