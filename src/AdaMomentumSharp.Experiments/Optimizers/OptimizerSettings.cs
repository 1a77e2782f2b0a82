namespace AdaMomentumSharp.Experiments.Optimizers;

/// <summary>
/// The settings a run hands an optimizer: learning rate, weight decay, eps, the CPU threads it may use, and the moment
/// decay rates of the adaptive methods (SGD keeps its momentum of 0.9).
/// </summary>
public sealed record OptimizerSettings(double Lr, double WeightDecay, double Eps, int Threads, double Beta1 = 0.9, double Beta2 = 0.999);
