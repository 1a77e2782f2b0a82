using TorchSharp.Modules;

namespace AdaMomentumSharp;

public sealed partial class AdaMomentum
{
    /// <summary>
    /// One parameter group's hyperparameters, with PyTorch's names. Unset (null) values take the optimizer's
    /// defaults when the group is added; every value is validated again at each step, so a scheduler or user
    /// that sets an invalid value gets an error before any parameter changes.
    /// </summary>
    public class Options : OptimizerOptions
    {
        /// <summary>Momentum decay β1, in [0, 1).</summary>
        public double? beta1;

        /// <summary>Second-moment decay β2, in [0, 1).</summary>
        public double? beta2;

        /// <summary>eps ≥ 0, stored into the second moment each step.</summary>
        public double? eps;

        /// <summary>Weight decay ≥ 0.</summary>
        public double? weight_decay;

        /// <summary>Decay weights as AdamW does instead of adding an L2 term.</summary>
        public bool? decoupled_weight_decay;

        /// <summary>With decoupled decay, decay by 1 − wd regardless of lr (the authors' <c>fixed_decay</c>).</summary>
        public bool? fixed_decay;

        /// <summary>Use the running maximum of the second moment.</summary>
        public bool? amsgrad;

        /// <summary>Ascend the objective.</summary>
        public bool? maximize;

        /// <summary>The official RAdam-style rectified variant.</summary>
        public bool? rectify;

        /// <summary>Rectified only: SGD with momentum while ρt &lt; 5 (true), or no update then (false).</summary>
        public bool? degenerated_to_sgd;

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

        /// <summary>Copies every hyperparameter from another AdaMomentum options record.</summary>
        public override void LoadStateDict(OptimizerOptions source)
        {
            base.LoadStateDict(source);
            var other = (Options)source;
            beta1 = other.beta1;
            beta2 = other.beta2;
            eps = other.eps;
            weight_decay = other.weight_decay;
            decoupled_weight_decay = other.decoupled_weight_decay;
            amsgrad = other.amsgrad;
            maximize = other.maximize;
            rectify = other.rectify;
            fixed_decay = other.fixed_decay;
            degenerated_to_sgd = other.degenerated_to_sgd;
        }

        /// <summary>
        /// Reads the hyperparameters in TorchSharp's layout, the order <see cref="SaveStateDict(BinaryWriter)"/> writes
        /// them; the options that layout lacks take the values they had before they existed (see <see cref="CheckpointOptions"/>).
        /// </summary>
        public override void LoadStateDict(BinaryReader reader) => CheckpointOptions.ReadTorchSharpLayout(reader, this);

        /// <summary>
        /// Writes the learning rates, then the hyperparameters TorchSharp's layout has room for; the versioned
        /// checkpoint of <see cref="AdaMomentum.save_state_dict(BinaryWriter)"/> carries every option by name.
        /// </summary>
        public override void SaveStateDict(BinaryWriter writer) => CheckpointOptions.WriteTorchSharpLayout(writer, this);

        /// <summary>Fills every unset value from <paramref name="defaults"/>.</summary>
        internal void FillFrom(Options defaults)
        {
            LearningRate ??= defaults.LearningRate;
            beta1 ??= defaults.beta1;
            beta2 ??= defaults.beta2;
            eps ??= defaults.eps;
            weight_decay ??= defaults.weight_decay;
            decoupled_weight_decay ??= defaults.decoupled_weight_decay;
            amsgrad ??= defaults.amsgrad;
            maximize ??= defaults.maximize;
            rectify ??= defaults.rectify;
            fixed_decay ??= defaults.fixed_decay;
            degenerated_to_sgd ??= defaults.degenerated_to_sgd;
        }

        /// <summary>
        /// The core library's options for these values, validated; errors name PyTorch's argument
        /// (<c>lr</c>, <c>beta1</c>, …) rather than the core's property.
        /// </summary>
        internal AdaMomentumOptions ToValidatedCoreOptions()
        {
            RequireSet(LearningRate, "lr");
            RequireSet(beta1, nameof(beta1));
            RequireSet(beta2, nameof(beta2));
            RequireSet(eps, nameof(eps));
            RequireSet(weight_decay, nameof(weight_decay));
            RequireSet(decoupled_weight_decay, nameof(decoupled_weight_decay));
            RequireSet(amsgrad, nameof(amsgrad));
            RequireSet(maximize, nameof(maximize));
            RequireSet(rectify, nameof(rectify));
            RequireSet(fixed_decay, nameof(fixed_decay));
            RequireSet(degenerated_to_sgd, nameof(degenerated_to_sgd));
            var core = new AdaMomentumOptions
            {
                LearningRate = LearningRate!.Value,
                Beta1 = beta1!.Value,
                Beta2 = beta2!.Value,
                Epsilon = eps!.Value,
                WeightDecay = weight_decay!.Value,
                DecoupledWeightDecay = decoupled_weight_decay!.Value,
                AmsGrad = amsgrad!.Value,
                Maximize = maximize!.Value,
                Rectify = rectify!.Value,
                FixedDecay = fixed_decay!.Value,
                DegeneratedToSgd = degenerated_to_sgd!.Value,
            };
            try
            {
                core.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw Renamed(e);
            }
            return core;
        }

        /// <summary>The core's range error with PyTorch's argument name (<c>lr</c>, <c>beta1</c>, …) in place of the property's.</summary>
        internal static ArgumentOutOfRangeException Renamed(ArgumentOutOfRangeException e)
        {
            string name = TorchName(e.ParamName);
            return new ArgumentOutOfRangeException(name, e.ActualValue, e.Message.Replace(e.ParamName!, name).Split(" (Parameter")[0]);
        }

        private static void RequireSet<T>(T? value, string name)
            where T : struct
        {
            if (value is null)
            {
                throw new ArgumentNullException(name, $"{name} is null; every option of a group must have a value (set it, or leave the group's value the optimizer filled in).");
            }
        }

        private static string TorchName(string? coreName) => coreName switch
        {
            nameof(AdaMomentumOptions.LearningRate) => "lr",
            nameof(AdaMomentumOptions.Beta1) => nameof(beta1),
            nameof(AdaMomentumOptions.Beta2) => nameof(beta2),
            nameof(AdaMomentumOptions.Epsilon) => nameof(eps),
            nameof(AdaMomentumOptions.WeightDecay) => nameof(weight_decay),
            nameof(AdaMomentumOptions.Rectify) => nameof(rectify),
            _ => coreName ?? "options",
        };
    }
}
