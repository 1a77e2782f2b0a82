namespace AdaMomentumSharp.Experiments.Trajectories;

/// <summary>
/// Where one optimizer's path on one test function ended: a row of trajectories.csv. <paramref name="LeftFrameAtStep"/>:
/// the first step outside the picture (empty if none); <paramref name="Diverged"/>: it stopped at a non-finite iterate.
/// </summary>
public sealed record TrajectoryEnd(
    string Function, string Optimizer, double Lr, int Steps, double FinalX, double FinalY, double FinalValue, int? LeftFrameAtStep, bool Diverged)
{
    public static TrajectoryEnd Of(TestFunction function, Trajectory path)
    {
        var (x, y) = path.Points[^1];
        return new TrajectoryEnd(function.Name, path.Optimizer, path.Lr, path.Steps, x, y, function.ValueAt(x, y), path.LeftFrameAt(function), path.Diverged);
    }
}
