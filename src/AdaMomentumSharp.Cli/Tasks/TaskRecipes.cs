using AdaMomentumSharp.Cli.Optimizers;

namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>The recipes of the task families the CLI has; docs/EXPERIMENTS.md explains where each value comes from.</summary>
public static class TaskRecipes
{
    /// <summary>
    /// Image classification as the authors' CIFAR script: cross-entropy with label smoothing 0.1, weight decay 5e-4,
    /// eps 1e-8, no clipping; lr 1e-3 for adaptive methods and 0.1 for momentum SGD; accuracy, higher is better.
    /// </summary>
    public static TaskRecipe ImageClassification { get; } = new(
        "image classification",
        new TrainingDefaults(WeightDecay: 5e-4, Eps: 1e-8, LabelSmoothing: 0.1, GradientClipNorm: 0),
        new LearningRates(Adaptive: 1e-3, Momentum: 0.1),
        CrossEntropyLoss.Instance,
        new AccuracyMetric());

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
    /// Word language modelling as the authors' PTB script: plain cross-entropy, weight decay 1.2e-6, eps 1e-12, gradient
    /// norm clipped to 0.25; lr 1e-3 for adaptive methods and 30 for momentum SGD; perplexity, lower is better.
    /// </summary>
    public static TaskRecipe WordLanguageModel { get; } = new(
        "word language model",
        new TrainingDefaults(WeightDecay: 1.2e-6, Eps: 1e-12, LabelSmoothing: 0, GradientClipNorm: 0.25),
        new LearningRates(Adaptive: 1e-3, Momentum: 30),
        CrossEntropyLoss.Instance,
        new PerplexityMetric());

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
