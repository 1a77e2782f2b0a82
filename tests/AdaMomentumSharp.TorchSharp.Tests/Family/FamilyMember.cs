using TorchSharp.Modules;
using static TorchSharp.torch.optim;

namespace AdaMomentumSharp.TorchSharp.Tests.Family;

/// <summary>
/// One optimizer of the family as the contract matrix and the golden replays see it: how to build it over parameters
/// with some options set by PyTorch name, and the authors' trajectories it must replay (null for AdaMomentum, whose
/// own tests replay adam3-official.json). Adding an optimizer to the family is adding one of these to <see cref="FamilyMembers.All"/>.
/// </summary>
public sealed record FamilyMember(string Name, string? Fixture, Func<IEnumerable<Parameter>, IReadOnlyDictionary<string, double>, OptimizerHelper> CreateWith)
{
    /// <summary>The optimizer over <paramref name="parameters"/> with its defaults.</summary>
    public OptimizerHelper Create(params Parameter[] parameters) => CreateWith(parameters, new Dictionary<string, double>());

    public override string ToString() => Name;
}
