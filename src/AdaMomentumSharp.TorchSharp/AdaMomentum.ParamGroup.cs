using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

public sealed partial class AdaMomentum
{
    /// <summary>A group of parameters sharing hyperparameters; unset values take the optimizer's defaults.</summary>
    public class ParamGroup : ParamGroup<Options>, IBetas
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

        /// <summary>A group with its own hyperparameters; null arguments take the optimizer's defaults.</summary>
        public ParamGroup(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null,
                          double? eps = null, double? weight_decay = null, bool? decoupled_weight_decay = null,
                          bool? amsgrad = null, bool? maximize = null, bool? rectify = null,
                          bool? fixed_decay = null, bool? degenerated_to_sgd = null)
            : base(parameters, Options.With(lr, beta1, beta2, eps, weight_decay, decoupled_weight_decay, amsgrad, maximize, rectify,
                                            fixed_decay, degenerated_to_sgd))
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
