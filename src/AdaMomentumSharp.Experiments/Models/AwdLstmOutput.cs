using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Models;

/// <summary>
/// What one window through <see cref="AwdLstmLanguageModel"/> gives: next-word logits [time × batch, vocabulary]
/// (rows in the order of the flattened targets), the state to carry on, and the last layer's output before and after
/// its dropout, which AWD-LSTM's activation penalties read.
/// </summary>
internal sealed record AwdLstmOutput(Tensor Logits, LstmState State, Tensor LastLayer, Tensor LastLayerDropped)
{
    /// <summary>
    /// AWD-LSTM's activation regularization α · mean(dropped²) plus temporal activation regularization
    /// β · mean((h_t − h_{t−1})²) on the last layer; the authors keep its defaults α = 2, β = 1.
    /// </summary>
    public Tensor ActivationPenalty(double alpha = 2, double beta = 1)
    {
        using var scope = torch.NewDisposeScope();
        using Scalar alphaScalar = alpha.ToScalar(), betaScalar = beta.ToScalar();
        Tensor penalty = LastLayerDropped.pow(KeptScalars.Two).mean().mul(alphaScalar);
        if (LastLayer.shape[0] > 1)
        {
            penalty = penalty.add((LastLayer[1..] - LastLayer[..^1]).pow(KeptScalars.Two).mean().mul(betaScalar), KeptScalars.One);
        }
        return penalty.MoveToOuterDisposeScope();
    }
}
