using TorchSharp.Modules;

namespace AdaMomentumSharp;

public sealed partial class AdaMomentum
{
    /// <summary>
    /// One parameter group's hyperparameters, with PyTorch's names. Unset (null) values take the optimizer's
    /// defaults when the group is added; every value is validated again at each step, so a scheduler or user
    /// that sets an invalid value gets an error before any parameter changes.
    /// </summary>
    /// <remarks>
    /// The option table is <see cref="AdaMomentumOptions.All"/>, each option under its <see cref="AdaMomentumOption.PyTorchName"/>
    /// (<c>lr</c> as TorchSharp's <see cref="OptimizerOptions.LearningRate"/>); the properties that spell them are in
    /// AdaMomentum.Keywords.cs.
    /// </remarks>
    public partial class Options : AdaptiveOptions
    {
        private static readonly AdaptiveOption[] OptionTable =
            [.. AdaMomentumOptions.All.Select(option => AdaptiveOption.From(option, option.Default))];

        // What TorchSharp's OptimizerOptions wrote (initial_lr, lr) and then our options, before checkpoints had versions.
        // History: this list never changes.
        private static readonly string[] LegacyLayout =
            ["lr", "beta1", "beta2", "eps", "weight_decay", "decoupled_weight_decay", "amsgrad", "maximize", "rectify"];

        /// <summary>Options with every value unset.</summary>
        public Options()
            : base(OptionTable)
        {
        }

        /// <summary>
        /// TorchSharp's layout as AdaMomentum wrote it before its checkpoints had versions: the ten oldest options as bare
        /// values; the options that layout lacks take the values they had before they existed (see <see cref="CheckpointOptions"/>).
        /// </summary>
        internal override IReadOnlyList<string> TorchSharpLayout => LegacyLayout;

        /// <summary>The value of <paramref name="option"/> (a flag's as 0 or 1), or null when unset.</summary>
        internal double? Get(AdaMomentumOption option) => this[option.PyTorchName];

        /// <summary>Sets <paramref name="option"/> (a flag as 0 or 1); null unsets it.</summary>
        internal void Set(AdaMomentumOption option, double? value) => this[option.PyTorchName] = value;

        /// <summary>The options of <paramref name="core"/>, every one set.</summary>
        internal static Options From(AdaMomentumOptions core)
        {
            var options = new Options();
            foreach (AdaMomentumOption option in AdaMomentumOptions.All)
            {
                options.Set(option, option.Get(core));
            }
            return options;
        }

        /// <summary>
        /// The core library's options for these values, validated; errors name PyTorch's argument
        /// (<c>lr</c>, <c>beta1</c>, …) rather than the core's property.
        /// </summary>
        /// <exception cref="ArgumentNullException">An option is unset.</exception>
        /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
        internal AdaMomentumOptions ToValidatedCoreOptions()
        {
            Validate();
            var core = new AdaMomentumOptions();
            foreach (AdaMomentumOption option in AdaMomentumOptions.All)
            {
                core = option.With(core, this[option.PyTorchName]!.Value);
            }
            return core;
        }
    }
}
