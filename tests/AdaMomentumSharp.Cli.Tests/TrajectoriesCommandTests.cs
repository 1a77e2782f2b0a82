using AdaMomentumSharp.Cli.Commands;
using AdaMomentumSharp.Cli.Optimizers;
using AdaMomentumSharp.Cli.Trajectories;

namespace AdaMomentumSharp.Cli.Tests;

public sealed class TrajectoriesCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>
    /// Measured end values: Rosenbrock (starts at 12.5) AdaMomentum 1.4e-12, SGD with momentum 0.047; noisy quadratic
    /// (starts at 22, gradient noise 1) 0.010 and 0.022. Both must end below 1 % of the start.
    /// </summary>
    [Fact]
    public void Write_DrawsOnePicturePerFunction_AndTheOptimizersDescend()
    {
        TestFunction[] functions = [.. TestFunction.All.Where(f => f.Name is "rosenbrock" or "noisy-quadratic")];

        TrajectoriesCommand.Write(temp.Path, functions, [OptimizerCatalog.Get("adamomentum"), OptimizerCatalog.Get("sgdm")]);

        foreach (TestFunction f in functions)
        {
            Assert.Equal((byte)0x89, File.ReadAllBytes(temp.File($"trajectory-{f.Name}.png"))[0]);
        }
        var ends = CsvFile.Read<TrajectoryEnd>(temp.File(TrajectoriesCommand.SummaryFileName));
        Assert.Equal(4, ends.Count);
        foreach (TrajectoryEnd end in ends)
        {
            TestFunction f = functions.Single(x => x.Name == end.Function);
            Assert.True(end.FinalValue < 0.01 * f.ValueAt(f.Start.X, f.Start.Y), $"{end.Optimizer} on {f.Name} ended at f = {end.FinalValue}");
        }
    }
}
