using System.Globalization;
using TorchSharp.Modules;

namespace AdaMomentumSharp.Cli.Optimizers;

public abstract partial class MomentOptimizer
{
    /// <summary>Hyperparameters of a group, with PyTorch's names.</summary>
    public sealed class Options : OptimizerOptions
    {
        public double? beta1;
        public double? beta2;
        public double? eps;
        public double? weight_decay;

        public override void SaveStateDict(BinaryWriter writer)
        {
            base.SaveStateDict(writer);
            writer.Write(beta1!.Value);
            writer.Write(beta2!.Value);
            writer.Write(eps!.Value);
            writer.Write(weight_decay!.Value);
        }

        public override void LoadStateDict(BinaryReader reader)
        {
            base.LoadStateDict(reader);
            (beta1, beta2, eps, weight_decay) = (reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        }

        public override void LoadStateDict(OptimizerOptions source)
        {
            base.LoadStateDict(source);
            var other = (Options)source;
            (beta1, beta2, eps, weight_decay) = (other.beta1, other.beta2, other.eps, other.weight_decay);
        }

        /// <summary>
        /// The baselines' one validation: lr, eps and weight_decay finite and ≥ 0, beta1 and beta2 in [0, 1).
        /// </summary>
        /// <exception cref="ArgumentOutOfRangeException">The first hyperparameter out of range, named as PyTorch names it, with its value and the rule.</exception>
        public void Validate()
        {
            RequireNonNegative(LearningRate, "lr");
            RequireBeta(beta1, nameof(beta1));
            RequireBeta(beta2, nameof(beta2));
            RequireNonNegative(eps, nameof(eps));
            RequireNonNegative(weight_decay, nameof(weight_decay));
        }

        /// <summary>A copy whose unset hyperparameters are taken from <paramref name="defaults"/>.</summary>
        internal Options WithDefaultsFrom(Options defaults) => new()
        {
            LearningRate = LearningRate ?? defaults.LearningRate,
            InitialLearningRate = InitialLearningRate,
            beta1 = beta1 ?? defaults.beta1,
            beta2 = beta2 ?? defaults.beta2,
            eps = eps ?? defaults.eps,
            weight_decay = weight_decay ?? defaults.weight_decay,
        };

        private static void RequireNonNegative(double? value, string name)
        {
            if (value is not double v || !(v >= 0) || double.IsInfinity(v))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0; got {Show(value)}.");
            }
        }

        private static void RequireBeta(double? value, string name)
        {
            if (value is not double v || !(v >= 0 && v < 1))
            {
                throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1); got {Show(value)}.");
            }
        }

        private static string Show(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "nothing";
    }
}
