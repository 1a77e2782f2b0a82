using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// Creates an optimizer by name, as timm's <c>create_optimizer_v2</c> and pytorch-optimizer's <c>create_optimizer</c> do:
/// the family of this package (<c>adamomentum</c>, <c>adabelief</c>, <c>radam</c>, <c>yogi</c>, <c>adabound</c>) and
/// TorchSharp's own <c>adam</c>, <c>adamw</c> and <c>sgd</c>, from one set of arguments. Arguments left null take the
/// optimizer's own default; every argument is checked before anything is built, with one message style (name, value, rule).
/// </summary>
public static class Optimizers
{
    private static readonly string[] Family = ["adamomentum", "adabelief", "radam", "yogi", "adabound"];

    /// <summary>Every name <see cref="Create(string, IEnumerable{Parameter}, double, double, double?, double?, double?, double, NonFiniteGradients)"/> takes.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Family, "adam", "adamw", "sgd"];

    /// <summary>The optimizer called <paramref name="name"/> (case-insensitive) over one group of parameters.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="parameters">The parameters to optimize, e.g. <c>model.parameters()</c>.</param>
    /// <param name="lr">Learning rate, a finite number ≥ 0.</param>
    /// <param name="weight_decay">Weight decay ≥ 0 (default 0), applied as each optimizer applies it (AdamW decoupled, the others as their classes do).</param>
    /// <param name="beta1">Momentum decay in [0, 1), for every optimizer but SGD (null: the optimizer's default).</param>
    /// <param name="beta2">Second-moment decay in [0, 1), for every optimizer but SGD (null: the optimizer's default).</param>
    /// <param name="eps">eps ≥ 0, for every optimizer but SGD (null: the optimizer's default).</param>
    /// <param name="momentum">SGD's momentum ≥ 0 (default 0); SGD only.</param>
    /// <param name="non_finite_gradients">What the family's step does with NaN or infinite gradients; the family only.</param>
    /// <exception cref="ArgumentException">The name is unknown, an argument is out of range, or it does not apply to this optimizer; nothing was created.</exception>
    public static optim.Optimizer Create(string name, IEnumerable<Parameter> parameters, double lr, double weight_decay = 0, double? beta1 = null,
                                         double? beta2 = null, double? eps = null, double momentum = 0,
                                         NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Create(name, new WeightDecayGroups([.. parameters], []), lr, weight_decay, beta1, beta2, eps, momentum, non_finite_gradients);
    }

    /// <summary>
    /// The optimizer called <paramref name="name"/> over two parameter groups: <see cref="WeightDecayGroups.Decayed"/>
    /// with <paramref name="weight_decay"/>, <see cref="WeightDecayGroups.NotDecayed"/> without (a group with no parameters is left out).
    /// </summary>
    /// <inheritdoc cref="Create(string, IEnumerable{Parameter}, double, double, double?, double?, double?, double, NonFiniteGradients)"/>
    public static optim.Optimizer Create(string name, WeightDecayGroups groups, double lr, double weight_decay = 0, double? beta1 = null,
                                         double? beta2 = null, double? eps = null, double momentum = 0,
                                         NonFiniteGradients non_finite_gradients = NonFiniteGradients.Throw)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(groups);
        string key = Names.FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? throw new ArgumentException(
            $"name = '{name}': it must be one of {string.Join(", ", Names)}.", nameof(name));
        Check(key, lr, weight_decay, beta1, beta2, eps, momentum, non_finite_gradients);
        List<(IReadOnlyList<Parameter> Parameters, double WeightDecay)> split =
            [.. new[] { (groups.Decayed, weight_decay), (groups.NotDecayed, 0.0) }.Where(g => g.Item1.Count > 0)];
        if (split.Count == 0)
        {
            split.Add((groups.Decayed, weight_decay));
        }
        return key switch
        {
            "adamomentum" => new AdaMomentum(split.Select(g => new AdaMomentum.ParamGroup(g.Parameters, weight_decay: g.WeightDecay)),
                                             lr, beta1, beta2, eps, non_finite_gradients: non_finite_gradients),
            "adabelief" => new AdaBelief(split.Select(g => new AdaBelief.ParamGroup(g.Parameters, weight_decay: g.WeightDecay)),
                                         lr, beta1, beta2, eps, non_finite_gradients: non_finite_gradients),
            "radam" => new RAdam(split.Select(g => new RAdam.ParamGroup(g.Parameters, weight_decay: g.WeightDecay)),
                                 lr, beta1, beta2, eps, non_finite_gradients: non_finite_gradients),
            "yogi" => new Yogi(split.Select(g => new Yogi.ParamGroup(g.Parameters, weight_decay: g.WeightDecay)),
                               lr, beta1, beta2, eps, non_finite_gradients: non_finite_gradients),
            "adabound" => new AdaBound(split.Select(g => new AdaBound.ParamGroup(g.Parameters, weight_decay: g.WeightDecay)),
                                       lr, beta1, beta2, eps: eps, non_finite_gradients: non_finite_gradients),
            "adam" => optim.Adam(split.Select(g => new Adam.ParamGroup(g.Parameters, lr, beta1 ?? 0.9, beta2 ?? 0.999, eps ?? 1e-8, g.WeightDecay)),
                                 lr, beta1 ?? 0.9, beta2 ?? 0.999, eps ?? 1e-8),
            "adamw" => optim.AdamW(split.Select(g => new AdamW.ParamGroup(g.Parameters, lr, beta1 ?? 0.9, beta2 ?? 0.999, eps ?? 1e-8, g.WeightDecay)),
                                   lr, beta1 ?? 0.9, beta2 ?? 0.999, eps ?? 1e-8),
            _ => optim.SGD(split.Select(g => new SGD.ParamGroup(g.Parameters, lr, momentum, weight_decay: g.WeightDecay)), lr, momentum),
        };
    }

    private static void Check(string name, double lr, double weightDecay, double? beta1, double? beta2, double? eps, double momentum,
                              NonFiniteGradients nonFiniteGradients)
    {
        AdaptiveOption.NonNegative("lr", 0).Check(lr);
        AdaptiveOption.NonNegative("weight_decay", 0).Check(weightDecay);
        AdaptiveOption.NonNegative("momentum", 0).Check(momentum);
        bool sgd = name == "sgd";
        foreach (var (argument, value) in new[] { ("beta1", beta1), ("beta2", beta2), ("eps", eps) })
        {
            if (value is double given)
            {
                RequireApplies(!sgd, argument, given, name);
                (argument == "eps" ? AdaptiveOption.NonNegative(argument, 0) : AdaptiveOption.Decay(argument, 0)).Check(given);
            }
        }
        RequireApplies(sgd || momentum == 0, "momentum", momentum, name);
        if (!Family.Contains(name) && nonFiniteGradients != NonFiniteGradients.Throw)
        {
            throw new ArgumentException(
                $"non_finite_gradients = {nonFiniteGradients}: TorchSharp's {name} has no such policy; it applies to {string.Join(", ", Family)} only.",
                "non_finite_gradients");
        }
    }

    private static void RequireApplies(bool applies, string argument, double value, string name)
    {
        if (!applies)
        {
            throw new ArgumentException($"{argument} = {value}: {name} has no {argument}; leave it unset.", argument);
        }
    }
}
