namespace AdaMomentumSharp.Cli.Trajectories;

/// <summary>Where one optimizer's path on one test function ended: a row of trajectories.csv.</summary>
public sealed record TrajectoryEnd(string Function, string Optimizer, int Steps, double FinalX, double FinalY, double FinalValue);
