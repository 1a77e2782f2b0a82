using AdaMomentumSharp.Experiments.Models;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// An <see cref="AwdLstmLanguageModel"/> behind the trainer's one-tensor interface: each call starts from the state the
/// previous call left, detached from its graph (AWD-LSTM's <c>repackage_hidden</c>), and starts from zeros when the
/// mode (training or evaluation) or the number of columns changes, which marks the start of an epoch, a validation or
/// a test pass (20, 10 and 1 columns in <see cref="WordData"/>). A training call keeps its last layer's outputs (in
/// the caller's dispose scope) for the activation penalties AR and TAR.
/// </summary>
internal sealed class StatefulLanguageModel : Module<Tensor, Tensor>, IActivationPenalized
{
    private readonly AwdLstmLanguageModel model;
    private LstmState? state;
    private bool stateTraining;
    private AwdLstmOutput? lastTraining;

    public StatefulLanguageModel(AwdLstmLanguageModel model)
        : base(nameof(StatefulLanguageModel))
    {
        this.model = model;
        RegisterComponents();
    }

    /// <summary>Word ids [time, columns] to logits [time × columns, vocabulary].</summary>
    public override Tensor forward(Tensor input)
    {
        int columns = (int)input.shape[1];
        if (state is null || stateTraining != training || state.Layers[0].Hidden.shape[0] != columns)
        {
            state?.Dispose();
            state = Detached(model.InitialState(columns));
            stateTraining = training;
        }
        AwdLstmOutput output = model.call(input, state);
        state.Dispose();
        state = Detached(output.State.Detach());
        output.State.Dispose();
        if (training)
        {
            lastTraining = output;
        }
        else
        {
            lastTraining = null;
            output.LastLayer.Dispose();
            output.LastLayerDropped.Dispose();
        }
        return output.Logits;
    }

    public Tensor ActivationPenalty(double alpha, double beta) =>
        (lastTraining ?? throw new InvalidOperationException("The activation penalty reads the last training call; there was none since the last evaluation."))
        .ActivationPenalty(alpha, beta);

    protected override void Dispose(bool disposing)
    {
        state?.Dispose();
        base.Dispose(disposing);
    }

    private static LstmState Detached(LstmState fresh)
    {
        foreach (var (hidden, cell) in fresh.Layers)
        {
            hidden.DetachFromDisposeScope();
            cell.DetachFromDisposeScope();
        }
        return fresh;
    }
}
