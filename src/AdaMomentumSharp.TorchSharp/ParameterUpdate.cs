using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// One parameter due for an update in this step: its position in the optimizer's parameter order (for error
/// messages), its gradient, its state and its group's validated options.
/// </summary>
internal sealed record ParameterUpdate(int Index, Parameter Parameter, Tensor Gradient, AdaMomentum.State State, AdaMomentumOptions Options)
{
    /// <summary>The step number this update performs (1 for a parameter never stepped).</summary>
    public long NextStep => State.step + 1;
}
