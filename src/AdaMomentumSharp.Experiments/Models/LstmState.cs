using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>A stack of LSTM layers' hidden and cell states, each [batch, layer width], carried from one window to the next.</summary>
internal sealed class LstmState : IDisposable
{
    public LstmState(IReadOnlyList<(Tensor Hidden, Tensor Cell)> layers) => Layers = layers;

    public IReadOnlyList<(Tensor Hidden, Tensor Cell)> Layers { get; }

    /// <summary>The same values cut from the graph that produced them (AWD-LSTM's <c>repackage_hidden</c>), so back-propagation stops at the window's start.</summary>
    public LstmState Detach() => new(Layers.Select(layer => (layer.Hidden.detach(), layer.Cell.detach())).ToArray());

    public void Dispose()
    {
        foreach (var (hidden, cell) in Layers)
        {
            hidden.Dispose();
            cell.Dispose();
        }
    }
}
