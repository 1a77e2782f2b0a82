using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// Saves and loads any catalogue optimizer's state through its own checkpoint methods: the TorchSharp package's
/// optimizers hide TorchSharp's (<c>new</c>), so a call through the base type would bypass their format and checks.
/// </summary>
internal static class OptimizerCheckpoint
{
    public static void Save(optim.Optimizer optimizer, string path)
    {
        switch (optimizer)
        {
            case IAdaptiveOptimizer family: family.save_state_dict(path); break;
            case OptimizerHelper helper: helper.save_state_dict(path); break;
            default: throw new NotSupportedException($"{optimizer.GetType().Name} cannot save its state.");
        }
    }

    public static void Load(optim.Optimizer optimizer, string path)
    {
        switch (optimizer)
        {
            case IAdaptiveOptimizer family: family.load_state_dict(path); break;
            case OptimizerHelper helper: helper.load_state_dict(path); break;
            default: throw new NotSupportedException($"{optimizer.GetType().Name} cannot load its state.");
        }
    }
}
