using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

public sealed partial class AdaMomentum
{
    /// <summary>A group of parameters sharing hyperparameters; unset values take the optimizer's defaults (keyword constructor in AdaMomentum.Keywords.cs).</summary>
    public partial class ParamGroup : ParamGroup<Options>, IBetas
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

        /// <summary>(β1, β2) of this group; OneCycleLR cycles β1 through it.</summary>
        public (double, double) Betas
        {
            get => (Options.beta1!.Value, Options.beta2!.Value);
            set => (Options.beta1, Options.beta2) = value;
        }
    }
}
