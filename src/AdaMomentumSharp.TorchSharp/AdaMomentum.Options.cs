using System.Runtime.CompilerServices;
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
    /// Every option of <see cref="AdaMomentumOptions.All"/> is held here under its <see cref="AdaMomentumOption.PyTorchName"/>
    /// (<c>lr</c> as TorchSharp's <see cref="OptimizerOptions.LearningRate"/>); the properties that spell them are in
    /// AdaMomentum.Keywords.cs.
    /// </remarks>
    public partial class Options : OptimizerOptions
    {
        private const string LearningRateName = "lr";

        private static readonly Dictionary<string, int> Positions =
            AdaMomentumOptions.All.Select((option, i) => (option.PyTorchName, i)).ToDictionary();

        // Flags as 0 or 1; the learning rate's place is unused (TorchSharp's LearningRate holds it, for schedulers).
        private readonly double?[] values = new double?[AdaMomentumOptions.All.Count];

        /// <summary>Copies every hyperparameter from another AdaMomentum options record.</summary>
        public override void LoadStateDict(OptimizerOptions source)
        {
            base.LoadStateDict(source);
            ((Options)source).values.CopyTo(values, 0);
        }

        /// <summary>
        /// Reads the hyperparameters in TorchSharp's layout, the order <see cref="SaveStateDict(BinaryWriter)"/> writes
        /// them; the options that layout lacks take the values they had before they existed (see <see cref="CheckpointOptions"/>).
        /// The group changes only if every value read is valid.
        /// </summary>
        /// <exception cref="InvalidDataException">A value read is out of range, or a flag is neither 0 nor 1.</exception>
        public override void LoadStateDict(BinaryReader reader)
        {
            var read = new Options();
            CheckpointOptions.ReadTorchSharpLayout(reader, read);
            read.RequireValidFromCheckpoint("a group");
            LoadStateDict(read);
        }

        /// <summary>
        /// Writes the learning rates, then the hyperparameters TorchSharp's layout has room for; the versioned
        /// checkpoint of <see cref="AdaMomentum.save_state_dict(BinaryWriter)"/> carries every option by name.
        /// </summary>
        public override void SaveStateDict(BinaryWriter writer) => CheckpointOptions.WriteTorchSharpLayout(writer, this);

        /// <summary>The value of <paramref name="option"/> (a flag's as 0 or 1), or null when unset.</summary>
        internal double? Get(AdaMomentumOption option) =>
            option.PyTorchName == LearningRateName ? LearningRate : values[Positions[option.PyTorchName]];

        /// <summary>Sets <paramref name="option"/> (a flag as 0 or 1); null unsets it.</summary>
        internal void Set(AdaMomentumOption option, double? value)
        {
            if (option.PyTorchName == LearningRateName)
            {
                LearningRate = value;
            }
            else
            {
                values[Positions[option.PyTorchName]] = value;
            }
        }

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

        /// <summary>Fills every unset value from <paramref name="defaults"/>.</summary>
        internal void FillFrom(Options defaults)
        {
            foreach (AdaMomentumOption option in AdaMomentumOptions.All)
            {
                Set(option, Get(option) ?? defaults.Get(option));
            }
        }

        /// <summary>
        /// The core library's options for these values, validated; errors name PyTorch's argument
        /// (<c>lr</c>, <c>beta1</c>, …) rather than the core's property.
        /// </summary>
        /// <exception cref="ArgumentNullException">An option is unset.</exception>
        /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
        internal AdaMomentumOptions ToValidatedCoreOptions()
        {
            var core = new AdaMomentumOptions();
            foreach (AdaMomentumOption option in AdaMomentumOptions.All)
            {
                double value = Get(option) ?? throw new ArgumentNullException(option.PyTorchName,
                    $"{option.PyTorchName} is null; every option of a group must have a value (set it, or leave the group's value the optimizer filled in).");
                core = option.With(core, value);
            }
            core.Validate(OptionNames.PyTorch);
            return core;
        }

        /// <summary>Checks options read from a checkpoint as <see cref="ToValidatedCoreOptions"/> does, and the initial learning rate.</summary>
        /// <param name="group">Which group they are, for the message: "group 2".</param>
        /// <exception cref="InvalidDataException">A value is out of range or unset.</exception>
        internal void RequireValidFromCheckpoint(string group)
        {
            try
            {
                ToValidatedCoreOptions();
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"The checkpoint's {group} holds an invalid hyperparameter: {e.Message}", e);
            }
            if (!(double.IsFinite(InitialLearningRate) && InitialLearningRate >= 0))
            {
                throw new InvalidDataException($"The checkpoint's {group} holds initial_lr = {InitialLearningRate}; it must be finite and ≥ 0.");
            }
        }

        private double? Number([CallerMemberName] string name = "") => values[Positions[name]];

        private bool? Flag([CallerMemberName] string name = "") => values[Positions[name]] is double value ? value != 0 : null;

        private void Set(double? value, [CallerMemberName] string name = "") => values[Positions[name]] = value;

        private void Set(bool? value, [CallerMemberName] string name = "") => values[Positions[name]] = value is bool flag ? (flag ? 1 : 0) : null;
    }
}
