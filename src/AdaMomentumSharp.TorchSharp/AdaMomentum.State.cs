using TorchSharp.Modules;

namespace AdaMomentumSharp;

public sealed partial class AdaMomentum
{
    /// <summary>Per-parameter state: the step count and the moments (v is the average of squared momentum), shaped and typed like the parameter.</summary>
    public sealed class State : AdamState
    {
        /// <summary>Creates an uninitialized state for <paramref name="parameter"/>.</summary>
        public State(Parameter parameter)
            : base(parameter)
        {
        }

        /// <summary>Where the fused step last found the moments' memory; see <see cref="MomentMemory"/>.</summary>
        internal MomentMemory? FusedMemory { get; set; }

        /// <summary>Disposes the moment tensors.</summary>
        public override void Dispose()
        {
            FusedMemory = null;
            base.Dispose();
        }

        /// <inheritdoc/>
        protected override bool KeepsMaximum(OptimizerOptions options) => ((Options)options).amsgrad == true;
    }
}
