using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

public sealed partial class AdaMomentum
{
    /// <summary>Per-parameter state: the step count and the moments, shaped and typed like the parameter.</summary>
    public sealed class State : AdaptiveState
    {
        private static readonly Slot[] Slots = [new("exp_avg"), new("exp_avg_sq"), new("max_exp_avg_sq", Optional: true)];

        /// <summary>First moment m.</summary>
        public Tensor exp_avg = null!;

        /// <summary>Second moment v (the average of squared momentum).</summary>
        public Tensor exp_avg_sq = null!;

        /// <summary>Running maximum of v; null unless AMSGrad.</summary>
        public Tensor? max_exp_avg_sq;

        /// <summary>Creates an uninitialized state for <paramref name="parameter"/>.</summary>
        public State(Parameter parameter)
            : base(parameter)
        {
        }

        /// <inheritdoc/>
        protected override IReadOnlyList<Slot> Moments => Slots;

        /// <summary>Where the fused step last found the moments' memory; see <see cref="MomentMemory"/>.</summary>
        internal MomentMemory? FusedMemory { get; set; }

        /// <summary>Disposes the moment tensors.</summary>
        public override void Dispose()
        {
            FusedMemory = null;
            base.Dispose();
        }

        /// <summary>Zeroes the step count and the moments (the maximum only with AMSGrad).</summary>
        public override void Initialize(OptimizerOptions options)
        {
            Dispose();
            step = 0;
            exp_avg = ZeroMoment();
            exp_avg_sq = ZeroMoment();
            max_exp_avg_sq = ((Options)options).amsgrad == true ? ZeroMoment() : null;
        }

        /// <inheritdoc/>
        protected override Tensor? GetMoment(int slot) => slot switch
        {
            0 => exp_avg,
            1 => exp_avg_sq,
            _ => max_exp_avg_sq,
        };

        /// <inheritdoc/>
        protected override void SetMoment(int slot, Tensor? value)
        {
            switch (slot)
            {
                case 0: exp_avg = value!; break;
                case 1: exp_avg_sq = value!; break;
                default: max_exp_avg_sq = value; break;
            }
        }
    }
}
