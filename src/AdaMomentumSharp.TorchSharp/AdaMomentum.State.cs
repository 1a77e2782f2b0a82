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

        /// <inheritdoc/>
        protected override bool KeepsMaximum(OptimizerOptions options) => ((Options)options).amsgrad == true;
    }
}
