using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>Per-parameter state of the Adam-family baselines: a step count and two moment tensors.</summary>
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

    /// <summary>Second moment: v (Yogi, AdaBound) or the variance s (AdaBelief).</summary>
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
        ExpAvg = torch.full_like(_parameter, initialValue).DetachFromDisposeScope();
        ExpAvgSq = torch.full_like(_parameter, initialValue).DetachFromDisposeScope();
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

    public override void LoadStateDict(BinaryReader reader)
    {
        Step = reader.ReadInt64();
        ExpAvg.Load(reader);
        ExpAvgSq.Load(reader);
    }

    public override void LoadStateDict(OptimizerState source)
    {
        var other = (MomentState)source;
        Step = other.Step;
        ExpAvg.copy_(other.ExpAvg);
        ExpAvgSq.copy_(other.ExpAvgSq);
    }
}
