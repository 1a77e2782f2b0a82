namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>The settings a run hands an optimizer: learning rate, weight decay, eps and the CPU threads it may use.</summary>
public sealed record OptimizerSettings(double Lr, double WeightDecay, double Eps, int Threads);
