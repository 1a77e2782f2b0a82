using AdaMomentumSharp.Experiments.Optimizers;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>The recipes of the task families the CLI has; docs/EXPERIMENTS.md explains where each value comes from.</summary>
internal static class TaskRecipes
{
    /// <summary>
    /// Image classification as the authors' CIFAR script: cross-entropy with label smoothing 0.1, weight decay 5e-4,
    /// eps 1e-8, no clipping; lr 1e-3 for adaptive methods and 0.1 for momentum SGD; accuracy, higher is better. Their
    /// script builds Adam without weight decay (<c>torch.optim.Adam(params, lr, eps)</c>): the authors' protocol does too.
    /// </summary>
    public static TaskRecipe ImageClassification { get; } = new(
        "image classification",
        new TrainingDefaults(WeightDecay: 5e-4, Eps: 1e-8, LabelSmoothing: 0.1, GradientClipNorm: 0),
        new LearningRates(Adaptive: 1e-3, Momentum: 0.1),
        CrossEntropyLoss.Instance,
        new AccuracyMetric(),
        AuthorsSettings: (optimizer, _) => optimizer == "adam" ? new AuthorsSetting(WeightDecay: 0) : AuthorsSetting.None);

    /// <summary>
    /// Character language modelling as the authors' PTB script: plain cross-entropy, weight decay 1.2e-6, eps 1e-12,
    /// gradient norm clipped to 0.25; lr 1e-3 for adaptive methods and 1 for momentum SGD; perplexity, lower is better.
    /// </summary>
    public static TaskRecipe LanguageModel { get; } = new(
        "language model",
        new TrainingDefaults(WeightDecay: 1.2e-6, Eps: 1e-12, LabelSmoothing: 0, GradientClipNorm: 0.25),
        new LearningRates(Adaptive: 1e-3, Momentum: 1.0),
        CrossEntropyLoss.Instance,
        new PerplexityMetric());

    /// <summary>
    /// Word language modelling as the authors' AWD-LSTM script: cross-entropy plus the activation penalties AR (α = 2)
    /// and TAR (β = 1) on the last layer, weight decay 1.2e-6, gradient norm clipped to 0.25, each step's rate scaled
    /// by its window's length over 70; lr 1e-3 for adaptive methods and 30 for SGD; each optimizer's eps (and, in the
    /// authors' protocol, rate) from their shell scripts for the model's depth (<see cref="WordLanguageModelAuthors"/>);
    /// perplexity, lower is better.
    /// </summary>
    public static TaskRecipe WordLanguageModel { get; } = new(
        "word language model",
        new TrainingDefaults(WeightDecay: 1.2e-6, Eps: 1e-12, LabelSmoothing: 0, GradientClipNorm: 0.25,
                             ActivationRegularization: 2, TemporalActivationRegularization: 1, LrScaledByWindow: true),
        new LearningRates(Adaptive: 1e-3, Momentum: 30),
        CrossEntropyLoss.Instance,
        new PerplexityMetric("word"),
        AuthorsSettings: WordLanguageModelAuthors);

    /// <summary>
    /// Rate and eps per optimizer in the authors' <c>LSTM_Penn_Treebank/main_all_{1,2,3}layer.sh</c>: AdaM3 1e-3 with
    /// eps 1e-16 at every depth; Adam and AdaBelief 1e-3 on one layer and 1e-2 deeper, eps 1e-12 / 1e-16 on one layer
    /// and 1e-8 / 1e-12 deeper; RAdam and AdamW 1e-3, eps 1e-12 then 1e-8; AdaBound 1e-2 with 1e-8; Yogi 1e-2 with 1e-3;
    /// SGD 30. AMSGrad is not in their scripts and takes the defaults.
    /// </summary>
    private static AuthorsSetting WordLanguageModelAuthors(string optimizer, int layers)
    {
        bool deep = layers > 1;
        return optimizer switch
        {
            "adamomentum" => new(Lr: 1e-3, Eps: 1e-16),
            "adabelief" => new(Lr: deep ? 1e-2 : 1e-3, Eps: deep ? 1e-12 : 1e-16),
            "adam" => new(Lr: deep ? 1e-2 : 1e-3, Eps: deep ? 1e-8 : 1e-12),
            "radam" or "adamw" => new(Lr: 1e-3, Eps: deep ? 1e-8 : 1e-12),
            "adabound" => new(Lr: 1e-2, Eps: 1e-8),
            "yogi" => new(Lr: 1e-2, Eps: 1e-3),
            "sgd" or "sgdm" => new(Lr: 30),
            _ => AuthorsSetting.None,
        };
    }

    /// <summary>
    /// GANs as the authors' DCGAN configs: the vanilla adversarial loss, no weight decay, eps 1e-8, β (0.5, 0.999), no
    /// clipping; lr 2e-4 for adaptive methods (both networks) and 0.02 for momentum SGD, which their SGD config leaves
    /// at StudioGAN's 2e-4, where SGD barely moves (ours, untuned); FID, lower is better.
    /// </summary>
    /// <param name="featureSource">The data set whose classifier supplies FID's features.</param>
    public static TaskRecipe Gan(string featureSource) => new(
        "GAN",
        new TrainingDefaults(WeightDecay: 0, Eps: 1e-8, LabelSmoothing: 0, GradientClipNorm: 0, Beta1: 0.5, Beta2: 0.999),
        new LearningRates(Adaptive: 2e-4, Momentum: 0.02),
        AdversarialLoss.Instance,
        new FidMetric(featureSource),
        TrainingLoss: "discriminator loss");
}
