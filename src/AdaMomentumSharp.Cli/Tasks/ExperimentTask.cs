using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>
/// A training task: its data, its model and the defaults that make a run fit a 2-core machine. Adding a task means
/// writing one subclass and listing it in <see cref="TaskRegistry"/>.
/// </summary>
public abstract class ExperimentTask
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract TaskKind Kind { get; }

    public abstract string DefaultDataDirectory { get; }

    public abstract int DefaultEpochs { get; }

    public abstract int DefaultBatchSize { get; }

    /// <summary>Training examples used when the user gives no --train-limit (null: all of them).</summary>
    public virtual int? DefaultTrainLimit => null;

    /// <summary>Weight decay: 5e-4 on images (the authors' CIFAR runs), 1.2e-6 on language models (their PTB runs).</summary>
    public double DefaultWeightDecay => Kind == TaskKind.ImageClassification ? 5e-4 : 1.2e-6;

    /// <summary>eps of the adaptive methods: 1e-8 on images, 1e-12 on language models, as in the authors' scripts.</summary>
    public double DefaultEps => Kind == TaskKind.ImageClassification ? 1e-8 : 1e-12;

    /// <summary>Label smoothing of the training loss: 0.1 on images as in the authors' CIFAR script.</summary>
    public double LabelSmoothing => Kind == TaskKind.ImageClassification ? 0.1 : 0;

    /// <summary>Gradient-norm clipping: 0.25 on language models (the authors' PTB script), none on images.</summary>
    public double GradientClipNorm => Kind == TaskKind.LanguageModel ? 0.25 : 0;

    public string MetricName => Kind == TaskKind.ImageClassification ? "accuracy" : "perplexity";

    public bool HigherIsBetter => Kind == TaskKind.ImageClassification;

    /// <summary>Loads the task's data (once per comparison).</summary>
    public abstract TaskData LoadData(TaskSettings settings);

    /// <summary>A freshly initialized model (seed torch first) mapping a batch's input to logits [N, classes].</summary>
    public abstract nn.Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings);

    /// <summary>The task's metric from the mean cross-entropy and the fraction of correct argmax predictions.</summary>
    public double Metric(double meanLoss, double accuracy) => Kind == TaskKind.ImageClassification ? accuracy : Math.Exp(meanLoss);
}
