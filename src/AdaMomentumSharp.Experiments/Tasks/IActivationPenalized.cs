using static TorchSharp.torch;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// A model whose training loss takes a penalty on the activations of its last call (AWD-LSTM's AR and TAR), which
/// only the model can see; <see cref="SupervisedRun"/> adds it when the recipe asks for it.
/// </summary>
internal interface IActivationPenalized
{
    /// <summary>
    /// α · mean(dropped last-layer output²) + β · mean((h_t − h_{t−1})²) of the last training call's last layer, in the
    /// current dispose scope.
    /// </summary>
    /// <exception cref="InvalidOperationException">The last call was not a training call.</exception>
    Tensor ActivationPenalty(double alpha, double beta);
}
