using AdaMomentumSharp.Cli.Tasks;
using TorchSharp;
using TorchSharp.Modules;

namespace AdaMomentumSharp.Cli.Optimizers;

/// <summary>One optimizer the experiments can run, with its default learning rate per task family.</summary>
public sealed record OptimizerSpec(string Name, string Description, double ImageLr, double LanguageModelLr,
                                   Func<IEnumerable<Parameter>, OptimizerSettings, torch.optim.Optimizer> Create)
{
    public double DefaultLr(TaskKind kind) => kind == TaskKind.ImageClassification ? ImageLr : LanguageModelLr;
}

/// <summary>The settings a run hands an optimizer: learning rate, weight decay and eps.</summary>
public sealed record OptimizerSettings(double Lr, double WeightDecay, double Eps);

/// <summary>
/// AdaMomentum and the baselines of the paper, with the authors' CIFAR settings (docs/EXPERIMENTS.md explains each value):
/// lr 1e-3 for the adaptive methods and 0.1 with momentum 0.9 for SGD on images; weight decay as an L2 term for all
/// (AdamW takes it decoupled, as the authors' script passes it); AdaMomentum and AdaBelief with decoupling and
/// rectification off; AdaBound with final lr 0.1 and γ 1e-3.
/// </summary>
public static class OptimizerCatalog
{
    public static IReadOnlyList<OptimizerSpec> All { get; } =
    [
        new("adamomentum", "AdaMomentum (this library, fused CPU step)", 1e-3, 1e-3,
            (p, s) => new AdaMomentum(p, lr: s.Lr, eps: s.Eps, weight_decay: s.WeightDecay)),
        new("sgdm", "SGD with momentum 0.9", 0.1, 1.0,
            (p, s) => torch.optim.SGD(p, s.Lr, momentum: 0.9, weight_decay: s.WeightDecay)),
        new("adam", "Adam (TorchSharp)", 1e-3, 1e-3,
            (p, s) => torch.optim.Adam(p, lr: s.Lr, eps: s.Eps, weight_decay: s.WeightDecay)),
        new("adamw", "AdamW (TorchSharp), decoupled decay", 1e-3, 1e-3,
            (p, s) => torch.optim.AdamW(p, lr: s.Lr, eps: s.Eps, weight_decay: s.WeightDecay)),
        new("amsgrad", "Adam with AMSGrad (TorchSharp)", 1e-3, 1e-3,
            (p, s) => torch.optim.Adam(p, lr: s.Lr, eps: s.Eps, weight_decay: s.WeightDecay, amsgrad: true)),
        new("radam", "RAdam (hand-written: TorchSharp 0.107's applies lr twice)", 1e-3, 1e-3,
            (p, s) => new RAdam(p, lr: s.Lr, eps: s.Eps, weight_decay: s.WeightDecay)),
        new("adabelief", "AdaBelief (hand-written)", 1e-3, 1e-3,
            (p, s) => new AdaBelief(p, lr: s.Lr, eps: s.Eps, weight_decay: s.WeightDecay)),
        new("yogi", "Yogi (hand-written)", 1e-3, 1e-3,
            (p, s) => new Yogi(p, lr: s.Lr, eps: s.Eps, weight_decay: s.WeightDecay)),
        new("adabound", "AdaBound (hand-written)", 1e-3, 1e-3,
            (p, s) => new AdaBound(p, lr: s.Lr, eps: s.Eps, weight_decay: s.WeightDecay, final_lr: 0.1, gamma: 1e-3)),
    ];

    /// <summary>The optimizer called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No optimizer has that name; the message lists those that do.</exception>
    public static OptimizerSpec Get(string name) =>
        All.FirstOrDefault(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown optimizer '{name}'. Known: {string.Join(", ", All.Select(o => o.Name))}.");
}
