namespace AdaMomentumSharp.Experiments.Trajectories;

/// <summary>
/// One optimizer's path on a test function: the start, then one point per step. <paramref name="Diverged"/>: it stopped
/// early because the next iterate was not finite.
/// </summary>
public sealed record Trajectory(string Optimizer, double Lr, IReadOnlyList<(double X, double Y)> Points, bool Diverged)
{
    public int Steps => Points.Count - 1;

    /// <summary>The first step whose point lies outside the function's plotted area; null if the path stays inside.</summary>
    public int? LeftFrameAt(TestFunction function)
    {
        int index = Points.ToList().FindIndex(p => !function.Contains(p));
        return index < 0 ? null : index;
    }
}
