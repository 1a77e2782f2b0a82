using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// The state of an optimizer whose moments are Adam's: the step count, the first moment m (<c>exp_avg</c>), the
/// second moment v (<c>exp_avg_sq</c>) and, when the group asks for it, the running maximum of v (<c>max_exp_avg_sq</c>).
/// </summary>
public abstract class AdamState : AdaptiveState
{
    private static readonly Slot[] Slots = [new("exp_avg"), new("exp_avg_sq"), new("max_exp_avg_sq", Optional: true)];

    /// <summary>First moment m.</summary>
    public Tensor exp_avg = null!;

    /// <summary>Second moment v.</summary>
    public Tensor exp_avg_sq = null!;

    /// <summary>Running maximum of v; null unless the group keeps one.</summary>
    public Tensor? max_exp_avg_sq;

    /// <summary>Creates an uninitialized state for <paramref name="parameter"/>.</summary>
    protected AdamState(Parameter parameter)
        : base(parameter)
    {
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Slot> Moments => Slots;

    /// <summary>Whether a group with <paramref name="options"/> keeps the running maximum (AMSGrad).</summary>
    protected virtual bool KeepsMaximum(OptimizerOptions options) => false;

    /// <summary>The value m and v start from.</summary>
    protected virtual double InitialValue(OptimizerOptions options) => 0;

    /// <summary>Sets the step count to zero, m and v to their initial value, and the maximum (when kept) to zero.</summary>
    public override void Initialize(OptimizerOptions options)
    {
        Dispose();
        step = 0;
        exp_avg = FullMoment(InitialValue(options));
        exp_avg_sq = FullMoment(InitialValue(options));
        max_exp_avg_sq = KeepsMaximum(options) ? ZeroMoment() : null;
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
