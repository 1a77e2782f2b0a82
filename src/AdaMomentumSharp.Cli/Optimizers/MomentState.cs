using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>Per-parameter state of the Adam-family baselines: a step count and two moment tensors shaped and typed like the parameter.</summary>
public sealed class MomentState : OptimizerState, IDisposable
{
    private readonly double initialValue;

    public MomentState(Parameter parameter, double initialValue)
        : base(parameter)
    {
        this.initialValue = initialValue;
    }

    public long Step { get; set; }

    /// <summary>First moment m.</summary>
    public Tensor ExpAvg { get; private set; } = null!;

    /// <summary>Second moment: v (Yogi, AdaBound, RAdam) or the variance s (AdaBelief).</summary>
    public Tensor ExpAvgSq { get; private set; } = null!;

    public void Dispose()
    {
        ExpAvg?.Dispose();
        ExpAvgSq?.Dispose();
    }

    public override void Initialize(OptimizerOptions options)
    {
        Dispose();
        Step = 0;
        using Scalar initial = initialValue.ToScalar();
        ExpAvg = torch.full_like(_parameter, initial).DetachFromDisposeScope();
        ExpAvgSq = torch.full_like(_parameter, initial).DetachFromDisposeScope();
    }

    public override void to(Device device)
    {
        ExpAvg = ExpAvg.to(device, disposeAfter: true).DetachFromDisposeScope();
        ExpAvgSq = ExpAvgSq.to(device, disposeAfter: true).DetachFromDisposeScope();
    }

    public override void SaveStateDict(BinaryWriter writer)
    {
        writer.Write(Step);
        ExpAvg.Save(writer);
        ExpAvgSq.Save(writer);
    }

    /// <summary>Reads a saved state into new tensors and checks it before replacing anything: all or nothing.</summary>
    /// <exception cref="InvalidDataException">The saved state does not fit this parameter, or its step is negative.</exception>
    /// <exception cref="EndOfStreamException">The stream ends inside the state.</exception>
    public override void LoadStateDict(BinaryReader reader)
    {
        using MomentState loaded = ReadReplacement(reader, index: 0);
        LoadStateDict(loaded);
    }

    /// <summary>Copies another state of this parameter (checked first: same shapes and dtypes).</summary>
    /// <exception cref="ArgumentException">It is not a moment state, or its tensors do not fit this parameter.</exception>
    public override void LoadStateDict(OptimizerState source)
    {
        if (Incompatibility(source) is string why)
        {
            throw new ArgumentException($"The state does not fit: {why}.", nameof(source));
        }
        var other = (MomentState)source;
        ExpAvg.copy_(other.ExpAvg);
        ExpAvgSq.copy_(other.ExpAvgSq);
        Step = other.Step;
    }

    public override bool ApproximatelyEquals(OptimizerState other) =>
        other is MomentState rhs && Step == rhs.Step && ExpAvg.allclose(rhs.ExpAvg) && ExpAvgSq.allclose(rhs.ExpAvgSq);

    /// <summary>A new state for this parameter read from <paramref name="reader"/> and checked; this one is untouched.</summary>
    /// <exception cref="InvalidDataException">The saved state (parameter <paramref name="index"/>) does not fit this parameter.</exception>
    internal MomentState ReadReplacement(BinaryReader reader, int index)
    {
        long step = reader.ReadInt64();
        if (step < 0)
        {
            throw new InvalidDataException($"Parameter {index}: the checkpoint's step count is negative ({step}).");
        }
        var loaded = new MomentState(_parameter, initialValue) { Step = step };
        try
        {
            loaded.ExpAvg = ReadMoment(reader, index, "exp_avg");
            loaded.ExpAvgSq = ReadMoment(reader, index, "exp_avg_sq");
        }
        catch
        {
            loaded.Dispose();
            throw;
        }
        return loaded;
    }

    /// <summary>Why <paramref name="other"/> cannot be loaded into this state, or null when it can.</summary>
    internal string? Incompatibility(OptimizerState other) => other is MomentState rhs
        ? Mismatch(rhs.ExpAvg, "exp_avg") ?? Mismatch(rhs.ExpAvgSq, "exp_avg_sq")
        : $"it is a {other.GetType().FullName}, not a {nameof(MomentState)}";

    private Tensor ReadMoment(BinaryReader reader, int index, string name)
    {
        Tensor moment = Tensor.Load(reader).DetachFromDisposeScope();
        if (Mismatch(moment, name) is string why)
        {
            moment.Dispose();
            throw new InvalidDataException($"Parameter {index}: the checkpoint's {why}.");
        }
        return moment.to(_parameter.device, disposeAfter: true).DetachFromDisposeScope();
    }

    private string? Mismatch(Tensor moment, string name) =>
        moment.dtype != _parameter.dtype || !moment.shape.SequenceEqual(_parameter.shape)
            ? $"{name} is {moment.dtype} [{string.Join(", ", moment.shape)}] but the parameter is {_parameter.dtype} [{string.Join(", ", _parameter.shape)}]"
            : null;
}
