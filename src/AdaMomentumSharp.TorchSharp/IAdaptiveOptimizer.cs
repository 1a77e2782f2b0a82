namespace AdaMomentumSharp;

/// <summary>
/// What every optimizer of the family has beyond <c>torch.optim.Optimizer</c>, whatever its options and state types:
/// the non-finite-gradient policy and the versioned checkpoints. Code that holds an optimizer as
/// <c>torch.optim.Optimizer</c> (from <see cref="Optimizers.Create(string, IEnumerable{TorchSharp.Modules.Parameter}, double, double, double?, double?, double?, double, NonFiniteGradients)"/>,
/// say) reaches them through this; TorchSharp's own <c>save_state_dict</c> is not virtual, so a call through its base
/// type would write TorchSharp's unversioned layout instead.
/// </summary>
public interface IAdaptiveOptimizer
{
    /// <summary>What <c>step()</c> does with NaN or infinite gradients.</summary>
    NonFiniteGradients NonFiniteGradients { get; set; }

    /// <summary>True when the last step was skipped for non-finite gradients under <see cref="NonFiniteGradients.Skip"/>.</summary>
    bool LastStepSkipped { get; }

    /// <summary>How many steps <see cref="NonFiniteGradients.Skip"/> has skipped so far.</summary>
    long SkippedSteps { get; }

    /// <summary>Saves the versioned, checksummed checkpoint atomically.</summary>
    void save_state_dict(string location);

    /// <summary>Writes the versioned, checksummed checkpoint.</summary>
    void save_state_dict(BinaryWriter writer);

    /// <summary>Loads a checkpoint all or nothing.</summary>
    void load_state_dict(string location);

    /// <summary>Loads a checkpoint all or nothing.</summary>
    void load_state_dict(BinaryReader reader);
}
