namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// The checkpoint-damage tests load thousands of corrupt checkpoints and allocate fast enough to start collections
/// while other tests sit in native calls. TorchSharp does not keep implicitly converted <c>Scalar</c>s (nor
/// unscoped temporaries) alive across those calls, so a collection then can free one mid-call; running these tests
/// alone keeps them from provoking that in the tests beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CheckpointCorruptionCollection
{
    public const string Name = "Checkpoint corruption";
}
