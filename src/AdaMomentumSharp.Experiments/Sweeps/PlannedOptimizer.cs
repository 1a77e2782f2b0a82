namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>An optimizer of a <see cref="SweepPlan"/> and the rate its grid multiplies (the user's --lr, or the recipe's).</summary>
public sealed record PlannedOptimizer(string Name, double BaseLr);
