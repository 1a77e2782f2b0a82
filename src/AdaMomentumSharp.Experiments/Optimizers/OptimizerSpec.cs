using TorchSharp;
using TorchSharp.Modules;

namespace AdaMomentumSharp.Experiments.Optimizers;

/// <summary>
/// One optimizer the experiments can run: its name, its family (which picks its default learning rate), the bytes one
/// step must move per float32 element at the least (its bandwidth floor in `bench`), and how to build it.
/// </summary>
public sealed record OptimizerSpec(string Name, string Description, OptimizerFamily Family, int BytesPerElement,
                                   Func<IEnumerable<Parameter>, OptimizerSettings, torch.optim.Optimizer> Create)
{
    /// <summary>Whether the optimizer has an eps at all: the adaptive methods do, SGD does not.</summary>
    public bool HasEps => Family == OptimizerFamily.Adaptive;
}
