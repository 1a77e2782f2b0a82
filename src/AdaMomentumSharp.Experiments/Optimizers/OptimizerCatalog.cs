using TorchSharp;

namespace AdaMomentumSharp.Experiments.Optimizers;

/// <summary>
/// AdaMomentum and the baselines of the paper, with the authors' CIFAR settings (docs/EXPERIMENTS.md explains each value):
/// momentum 0.9 for SGD, β1 and β2 from the task's recipe for the rest; weight decay as an L2 term for all (AdamW takes it decoupled, as the authors' script passes it);
/// AdaMomentum and AdaBelief with decoupling and rectification off; RAdam with its L2 decay (as <c>torch.optim.RAdam</c>
/// and these comparisons always had it); AdaBound with final lr 0.1 and γ 1e-3. AdaMomentum and the four baselines are the
/// TorchSharp package's optimizers. Learning rates come from the task's recipe, by <see cref="OptimizerFamily"/>. The
/// package's optimizers let non-finite gradients through here, as the authors' classes do: a run that diverges is
/// recorded (NaN counts as the worst value) instead of stopping the whole comparison with the library's default <c>Throw</c>.
/// </summary>
public static class OptimizerCatalog
{
    // Bytes per element a step must move: p, g, m, v read and p, m, v written is 28 (this library's optimizers here skip
    // the default non-finite check, which reads g once more, and all of them step CPU tensors in the fused pass);
    // AMSGrad adds its maximum (36); SGD with momentum reads p, g, buf and writes p, buf (20); plain SGD reads p, g and
    // writes p (12).
    public static IReadOnlyList<OptimizerSpec> All { get; } =
    [
        new("adamomentum", "AdaMomentum (this library, fused CPU step, non-finite gradients let through)", OptimizerFamily.Adaptive, 28,
            (p, s) => new AdaMomentum(p, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: s.WeightDecay,
                                      non_finite_gradients: NonFiniteGradients.Ignore) { MaxDegreeOfParallelism = s.Threads }),
        new("sgdm", "SGD with momentum 0.9", OptimizerFamily.Momentum, 20,
            (p, s) => torch.optim.SGD(p, s.Lr, momentum: 0.9, weight_decay: s.WeightDecay)),
        new("adam", "Adam (TorchSharp)", OptimizerFamily.Adaptive, 28,
            (p, s) => torch.optim.Adam(p, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: s.WeightDecay)),
        new("adamw", "AdamW (TorchSharp), decoupled decay", OptimizerFamily.Adaptive, 28,
            (p, s) => torch.optim.AdamW(p, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: s.WeightDecay)),
        new("amsgrad", "Adam with AMSGrad (TorchSharp)", OptimizerFamily.Adaptive, 36,
            (p, s) => torch.optim.Adam(p, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: s.WeightDecay, amsgrad: true)),
        new("radam", "RAdam (this library; TorchSharp 0.107's applies lr twice)", OptimizerFamily.Adaptive, 28,
            (p, s) => new RAdam(p, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: s.WeightDecay, decoupled_weight_decay: false,
                                non_finite_gradients: NonFiniteGradients.Ignore) { MaxDegreeOfParallelism = s.Threads }),
        new("adabelief", "AdaBelief (this library)", OptimizerFamily.Adaptive, 28,
            (p, s) => new AdaBelief(p, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: s.WeightDecay,
                                    non_finite_gradients: NonFiniteGradients.Ignore) { MaxDegreeOfParallelism = s.Threads }),
        new("yogi", "Yogi (this library)", OptimizerFamily.Adaptive, 28,
            (p, s) => new Yogi(p, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: s.WeightDecay,
                               non_finite_gradients: NonFiniteGradients.Ignore) { MaxDegreeOfParallelism = s.Threads }),
        new("adabound", "AdaBound (this library)", OptimizerFamily.Adaptive, 28,
            (p, s) => new AdaBound(p, lr: s.Lr, beta1: s.Beta1, beta2: s.Beta2, eps: s.Eps, weight_decay: s.WeightDecay, final_lr: 0.1, gamma: 1e-3,
                                   non_finite_gradients: NonFiniteGradients.Ignore) { MaxDegreeOfParallelism = s.Threads }),
        // Last, so that every other optimizer keeps its colour in the pictures (OptimizerColors goes by position).
        new("sgd", "SGD without momentum (the authors' word-level LSTM baseline)", OptimizerFamily.Momentum, 12,
            (p, s) => torch.optim.SGD(p, s.Lr, weight_decay: s.WeightDecay)),
    ];

    public static IEnumerable<string> Names => All.Select(o => o.Name);

    /// <summary>The optimizer called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No optimizer has that name; the message lists those that do.</exception>
    public static OptimizerSpec Get(string name) =>
        All.FirstOrDefault(o => o.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown optimizer '{name}'. Known: {string.Join(", ", Names)}.");
}
