using System.Globalization;
using AdaMomentumSharp.Cli.Commands;
using AdaMomentumSharp.Cli.Optimizers;
using AdaMomentumSharp.Cli.Trajectories;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class TrajectoriesCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Write_DrawsOnePicturePerFunction_AndTheOptimizersDescend()
    {
        TestFunction[] functions = [.. TestFunction.All.Where(f => f.Name is "rosenbrock" or "noisy-quadratic")];

        TrajectoriesCommand.Write(temp.Path, functions, [OptimizerCatalog.Get("adamomentum"), OptimizerCatalog.Get("sgdm")]);

        foreach (TestFunction f in functions)
        {
            Assert.Equal((byte)0x89, File.ReadAllBytes(temp.File($"trajectory-{f.Name}.png"))[0]);
        }
        var rows = File.ReadAllLines(temp.File(TrajectoriesCommand.SummaryFileName)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(4, rows.Count);
        foreach (string[] row in rows)
        {
            TestFunction f = functions.Single(x => x.Name == row[0]);
            double final = double.Parse(row[5], CultureInfo.InvariantCulture);
            Assert.True(final < 0.1 * f.ValueAt(f.Start.X, f.Start.Y), $"{row[1]} on {f.Name} ended at f = {final}");
        }
    }
}
