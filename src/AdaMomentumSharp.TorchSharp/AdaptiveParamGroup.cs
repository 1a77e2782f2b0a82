using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>A group of parameters sharing hyperparameters; unset values take the optimizer's defaults.</summary>
/// <typeparam name="TOptions">The optimizer's options.</typeparam>
public class AdaptiveParamGroup<TOptions> : ParamGroup<TOptions>, IBetas
    where TOptions : AdaptiveOptions
{
    /// <summary>An empty group, to be filled by property initializers.</summary>
    public AdaptiveParamGroup()
    {
    }

    /// <summary>A group with explicit options (null values take the optimizer's defaults).</summary>
    public AdaptiveParamGroup(IEnumerable<Parameter> parameters, TOptions options)
        : base(parameters, options)
    {
    }

    /// <summary>(β1, β2) of this group; OneCycleLR cycles β1 through it.</summary>
    public (double, double) Betas
    {
        get => (Options["beta1"]!.Value, Options["beta2"]!.Value);
        set => (Options["beta1"], Options["beta2"]) = value;
    }
}
