using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>Builds the optimizer under comparison, at the run's learning rate and recipe, for one network's parameters.</summary>
public delegate optim.Optimizer OptimizerFactory(IEnumerable<Parameter> parameters);
