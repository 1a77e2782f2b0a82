using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp;

/// <summary>
/// The options spelled with PyTorch's keywords: <see cref="Options"/>' properties and the keyword parameters of
/// <see cref="Options.With"/>, <see cref="ParamGroup"/> and the optimizer. C# has no <c>**kwargs</c>, so each option
/// is named in each of them; everything else about an option (defaults, ranges, checkpoints, messages) comes from its
/// description in <see cref="AdaMomentumOptions.All"/>.
/// </summary>
/// <remarks>A null argument takes the default: the group's from the optimizer, the optimizer's from <see cref="AdaMomentumOptions"/>.</remarks>
public sealed partial class AdaMomentum
{
    /// <summary>AdaMomentum over one group of parameters.</summary>
    /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
    /// <param name="lr">Learning rate ≥ 0 (default 1e-3).</param>
    /// <param name="beta1">Momentum decay, in [0, 1) (default 0.9).</param>
    /// <param name="beta2">Second-moment decay, in [0, 1) (default 0.999).</param>
    /// <param name="eps">≥ 0, stored into the second moment each step (default 1e-16, the official one).</param>
    /// <param name="weight_decay">≥ 0 (default 0); an L2 term unless <paramref name="decoupled_weight_decay"/>.</param>
    /// <param name="decoupled_weight_decay">Decay weights as AdamW does (<c>p *= 1 − lr·wd</c>); default false.</param>
    /// <param name="amsgrad">Use the running maximum of the second moment; default false.</param>
    /// <param name="maximize">Ascend the objective; default false.</param>
    /// <param name="rectify">The official RAdam-style rectified variant (with <paramref name="amsgrad"/>, the maximum is kept but unused); default false.</param>
    /// <param name="non_finite_gradients">What a step does with NaN or infinite gradients (default: throw, updating nothing).</param>
    /// <param name="fixed_decay">With decoupled decay, <c>p *= 1 − wd</c> regardless of lr (the authors' <c>fixed_decay</c>); default false.</param>
    /// <param name="degenerated_to_sgd">Rectified only: SGD with momentum while ρt &lt; 5 (default true), or no update then.</param>
    /// <exception cref="ArgumentOutOfRangeException">A hyperparameter is out of range; the message names it, its value and the range.</exception>
    public AdaMomentum(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null,
                       double? eps = null, double? weight_decay = null, bool? decoupled_weight_decay = null,
                       bool? amsgrad = null, bool? maximize = null, bool? rectify = null,
                       NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw,
                       bool? fixed_decay = null, bool? degenerated_to_sgd = null)
        : this([new ParamGroup { Parameters = parameters }],
               Options.With(lr, beta1, beta2, eps, weight_decay, decoupled_weight_decay, amsgrad, maximize, rectify, fixed_decay, degenerated_to_sgd),
               non_finite_gradients)
    {
    }

    /// <summary>AdaMomentum over several parameter groups; anything a group leaves unset takes these defaults.</summary>
    /// <inheritdoc cref="AdaMomentum(IEnumerable{Parameter}, double?, double?, double?, double?, double?, bool?, bool?, bool?, bool?, NonFiniteGradients, bool?, bool?)"/>
    public AdaMomentum(IEnumerable<ParamGroup> groups, double? lr = null, double? beta1 = null, double? beta2 = null,
                       double? eps = null, double? weight_decay = null, bool? decoupled_weight_decay = null,
                       bool? amsgrad = null, bool? maximize = null, bool? rectify = null,
                       NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw,
                       bool? fixed_decay = null, bool? degenerated_to_sgd = null)
        : this(groups,
               Options.With(lr, beta1, beta2, eps, weight_decay, decoupled_weight_decay, amsgrad, maximize, rectify, fixed_decay, degenerated_to_sgd),
               non_finite_gradients)
    {
    }

    public partial class Options
    {
        /// <summary>Momentum decay β1, in [0, 1).</summary>
        public double? beta1 { get => Number(); set => Set(value); }

        /// <summary>Second-moment decay β2, in [0, 1).</summary>
        public double? beta2 { get => Number(); set => Set(value); }

        /// <summary>eps ≥ 0, stored into the second moment each step.</summary>
        public double? eps { get => Number(); set => Set(value); }

        /// <summary>Weight decay ≥ 0.</summary>
        public double? weight_decay { get => Number(); set => Set(value); }

        /// <summary>Decay weights as AdamW does instead of adding an L2 term.</summary>
        public bool? decoupled_weight_decay { get => Flag(); set => Set(value); }

        /// <summary>With decoupled decay, decay by 1 − wd regardless of lr (the authors' <c>fixed_decay</c>).</summary>
        public bool? fixed_decay { get => Flag(); set => Set(value); }

        /// <summary>Use the running maximum of the second moment.</summary>
        public bool? amsgrad { get => Flag(); set => Set(value); }

        /// <summary>Ascend the objective.</summary>
        public bool? maximize { get => Flag(); set => Set(value); }

        /// <summary>The official RAdam-style rectified variant.</summary>
        public bool? rectify { get => Flag(); set => Set(value); }

        /// <summary>Rectified only: SGD with momentum while ρt &lt; 5 (true), or no update then (false).</summary>
        public bool? degenerated_to_sgd { get => Flag(); set => Set(value); }

        /// <summary>Options with these values; null leaves a value unset, to be filled from the optimizer's defaults.</summary>
        public static Options With(double? lr, double? beta1, double? beta2, double? eps, double? weight_decay,
                                   bool? decoupled_weight_decay, bool? amsgrad, bool? maximize, bool? rectify,
                                   bool? fixed_decay = null, bool? degenerated_to_sgd = null) => new()
                                   {
                                       LearningRate = lr,
                                       beta1 = beta1,
                                       beta2 = beta2,
                                       eps = eps,
                                       weight_decay = weight_decay,
                                       decoupled_weight_decay = decoupled_weight_decay,
                                       amsgrad = amsgrad,
                                       maximize = maximize,
                                       rectify = rectify,
                                       fixed_decay = fixed_decay,
                                       degenerated_to_sgd = degenerated_to_sgd,
                                   };
    }

    public partial class ParamGroup
    {
        /// <summary>A group with its own hyperparameters; null arguments take the optimizer's defaults.</summary>
        public ParamGroup(IEnumerable<Parameter> parameters, double? lr = null, double? beta1 = null, double? beta2 = null,
                          double? eps = null, double? weight_decay = null, bool? decoupled_weight_decay = null,
                          bool? amsgrad = null, bool? maximize = null, bool? rectify = null,
                          bool? fixed_decay = null, bool? degenerated_to_sgd = null)
            : base(parameters, Options.With(lr, beta1, beta2, eps, weight_decay, decoupled_weight_decay, amsgrad, maximize, rectify,
                                            fixed_decay, degenerated_to_sgd))
        {
        }
    }
}
