using TorchSharp.Modules;

namespace AdaMomentumSharp.TorchSharp.Tests.Family;

/// <summary>Every optimizer of the family; the contract matrix and the golden replays run over this list.</summary>
public static class FamilyMembers
{
    public static IReadOnlyList<FamilyMember> All { get; } =
    [
        new("AdaMomentum", null, (ps, o) => new AdaMomentum([new AdaMomentum.ParamGroup(ps, With(new AdaMomentum.Options(), o))])),
        new("AdaBelief", "adabelief-official.json", (ps, o) => new AdaBelief([new AdaBelief.ParamGroup(ps, With(new AdaBelief.Options(), o))])),
        new("RAdam", "radam-official.json", (ps, o) => new RAdam([new RAdam.ParamGroup(ps, With(new RAdam.Options(), o))])),
        new("Yogi", "yogi-official.json", (ps, o) => new Yogi([new Yogi.ParamGroup(ps, With(new Yogi.Options(), o))])),
        new("AdaBound", "adabound-official.json", (ps, o) => new AdaBound([new AdaBound.ParamGroup(ps, With(new AdaBound.Options(), o))])),
    ];

    public static TheoryData<string> Names => new(All.Select(m => m.Name));

    public static FamilyMember Named(string name) => All.Single(m => m.Name == name);

    /// <summary>Switches the fused CPU step of <paramref name="optimizer"/> on or off (off: tensor operations for every parameter).</summary>
    public static void UseFusedStep(OptimizerHelper optimizer, bool on)
    {
        switch (optimizer)
        {
            case AdaMomentum o: o.FusedCpuStepEnabled = on; break;
            case AdaBelief o: o.FusedCpuStepEnabled = on; break;
            case RAdam o: o.FusedCpuStepEnabled = on; break;
            case Yogi o: o.FusedCpuStepEnabled = on; break;
            case AdaBound o: o.FusedCpuStepEnabled = on; break;
            default: throw new ArgumentException($"{optimizer.GetType().Name} is not a member of the family.", nameof(optimizer));
        }
    }

    /// <summary>The state of parameter <paramref name="index"/>, as the base class keeps it.</summary>
    public static AdaptiveState StateOf(OptimizerHelper optimizer, int index) => (AdaptiveState)optimizer.state_dict().State[index];

    private static TOptions With<TOptions>(TOptions options, IReadOnlyDictionary<string, double> values)
        where TOptions : AdaptiveOptions
    {
        foreach (var (name, value) in values)
        {
            options[name] = value;
        }
        return options;
    }
}
