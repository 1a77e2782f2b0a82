using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// One LSTM layer with DropConnect on its hidden-to-hidden weights (AWD-LSTM's <c>WeightDrop</c> on
/// <c>weight_hh_l0</c>): while training, each forward pass drops elements of that matrix with probability p (kept
/// ones scaled by 1 / (1 − p)) and uses the same dropped matrix at every time step. Gates in PyTorch's order (input,
/// forget, cell, output), two bias vectors and uniform(±1/√hidden) initialization, as <c>torch.nn.LSTM</c>.
/// </summary>
/// <remarks>
/// Written out step by step, not on top of <c>nn.LSTM</c>, so the dropped matrix is an ordinary function of the
/// trained one and gradients reach it. (The authors' <c>weight_drop.py</c> wraps the dropped matrix in a new
/// <c>Parameter</c>, which makes it a leaf of the graph: its gradient stops there and the raw matrix the optimizer
/// holds gets none, the pattern fastai fixed in fastai/fastai2#427.)
/// </remarks>
internal sealed class WeightDroppedLstm : Module<Tensor, (Tensor Hidden, Tensor Cell), (Tensor Output, (Tensor Hidden, Tensor Cell) State)>
{
    private readonly Parameter weight_ih, weight_hh, bias_ih, bias_hh;
    private readonly double weightDropout;

    public WeightDroppedLstm(int inputSize, int hiddenSize, double weightDropout)
        : base(nameof(WeightDroppedLstm))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hiddenSize, 1);
        if (weightDropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(weightDropout), weightDropout, "Weight dropout is a probability in [0, 1).");
        }
        HiddenSize = hiddenSize;
        this.weightDropout = weightDropout;
        double bound = 1 / Math.Sqrt(hiddenSize);
        weight_ih = Parameter(torch.empty(4 * hiddenSize, inputSize).uniform_(-bound, bound));
        weight_hh = Parameter(torch.empty(4 * hiddenSize, hiddenSize).uniform_(-bound, bound));
        bias_ih = Parameter(torch.empty(4 * hiddenSize).uniform_(-bound, bound));
        bias_hh = Parameter(torch.empty(4 * hiddenSize).uniform_(-bound, bound));
        RegisterComponents();
    }

    public int HiddenSize { get; }

    /// <summary>Input [time, batch, input size] and a starting state ([batch, hidden] each) to every step's hidden state [time, batch, hidden] and the final state.</summary>
    public override (Tensor Output, (Tensor Hidden, Tensor Cell) State) forward(Tensor input, (Tensor Hidden, Tensor Cell) state)
    {
        using var scope = torch.NewDisposeScope();
        Tensor recurrent = training && weightDropout > 0 ? functional.dropout(weight_hh, weightDropout, training: true) : weight_hh;
        Tensor recurrentT = recurrent.t();
        // The input's share of every gate, all steps in one product.
        Tensor inputGates = torch.matmul(input, weight_ih.t()).add(bias_ih, KeptScalars.One).add(bias_hh, KeptScalars.One);
        var (hidden, cell) = state;
        var outputs = new Tensor[input.shape[0]];
        for (int t = 0; t < outputs.Length; t++)
        {
            Tensor[] gates = inputGates[t].add(torch.matmul(hidden, recurrentT), KeptScalars.One).chunk(4, 1);
            cell = (gates[1].sigmoid() * cell).add(gates[0].sigmoid() * gates[2].tanh(), KeptScalars.One);
            hidden = gates[3].sigmoid() * cell.tanh();
            outputs[t] = hidden;
        }
        Tensor output = torch.stack(outputs);
        return (output.MoveToOuterDisposeScope(), (hidden.MoveToOuterDisposeScope(), cell.MoveToOuterDisposeScope()));
    }
}
