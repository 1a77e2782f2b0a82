using TorchSharp.Modules;

namespace AdaMomentumSharp;

public sealed partial class AdaMomentum
{
    /// <summary>A group of parameters sharing hyperparameters; unset values take the optimizer's defaults (keyword constructor in AdaMomentum.Keywords.cs).</summary>
    public partial class ParamGroup : AdaptiveParamGroup<Options>
    {
        /// <summary>An empty group, to be filled by property initializers.</summary>
        public ParamGroup()
        {
        }

        /// <summary>A group with explicit options (null values take the optimizer's defaults).</summary>
        public ParamGroup(IEnumerable<Parameter> parameters, Options options)
            : base(parameters, options)
        {
        }
    }
}
