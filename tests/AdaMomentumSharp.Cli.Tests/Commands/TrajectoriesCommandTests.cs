using AdaMomentumSharp.Cli.Commands;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Trajectories;

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

    /// <summary>
    /// On the saddle f = x² − y² from (1, 0.001) every optimizer escapes along y; SGD with momentum (lr 0.01) reaches
    /// y ≈ 1.2e10 in 300 steps. The picture's legend and trajectories.csv say at which step each left the ±1.5 frame.
    /// </summary>
    [Fact]
    public void Write_PathLeavingTheFrame_IsNamedWithTheStepItLeft()
    {
        TestFunction saddle = TestFunction.All.Single(f => f.Name == "saddle");
        OptimizerSpec sgdm = OptimizerCatalog.Get("sgdm");

        TrajectoriesCommand.Write(temp.Path, [saddle], [OptimizerCatalog.Get("adamomentum"), sgdm]);

        Trajectory path = TrajectoryRunner.Run(saddle, sgdm, seed: 1);
        int firstOutside = Enumerable.Range(0, path.Points.Count).First(i => Math.Abs(path.Points[i].X) > 1.5 || Math.Abs(path.Points[i].Y) > 1.5);
        Assert.True(firstOutside > 1 && firstOutside < 300, $"left at {firstOutside}");
        Assert.True(path.Points[^1].Y > 1e9, $"ended at y = {path.Points[^1].Y}");
        TrajectoryEnd end = CsvFile.Read<TrajectoryEnd>(temp.File(TrajectoriesCommand.SummaryFileName)).Single(e => e.Optimizer == "sgdm");
        Assert.Equal((firstOutside, 0.01, false), (end.LeftFrameAtStep, end.Lr, end.Diverged));
        Assert.StartsWith($"sgdm, lr 0.01: left the frame at step {firstOutside}; at (", TrajectoryPlotter.Legend(saddle, path));
        Assert.EndsWith("E+10) after step 300", TrajectoryPlotter.Legend(saddle, path));
    }

    [Fact]
    public void Legend_PathStayingInTheFrame_GivesItsRateAndFinalValue()
    {
        TestFunction quadratic = TestFunction.All.Single(f => f.Name == "noisy-quadratic");
        var path = new Trajectory("adam", 0.02, [(2, 2), (1, 0), (0.1, 0)], Diverged: false);

        Assert.Null(path.LeftFrameAt(quadratic));
        Assert.Equal("adam, lr 0.02: f = 5.0e-03 at the end", TrajectoryPlotter.Legend(quadratic, path));
    }

    [Fact]
    public void Legend_PathThatLeftAndCameBack_OrDiverged_SaysSo()
    {
        TestFunction quadratic = TestFunction.All.Single(f => f.Name == "noisy-quadratic");

        Assert.Equal("sgdm, lr 0.01: left the frame at step 1, came back",
            TrajectoryPlotter.Legend(quadratic, new Trajectory("sgdm", 0.01, [(2, 2), (5, 0), (0, 0)], Diverged: false)));
        Assert.Equal("sgdm, lr 0.01: left the frame at step 2; at (1E+300, 0) after step 2; diverged (not finite) after step 2",
            TrajectoryPlotter.Legend(quadratic, new Trajectory("sgdm", 0.01, [(2, 2), (1, 0), (1e300, 0)], Diverged: true)));
    }
}
