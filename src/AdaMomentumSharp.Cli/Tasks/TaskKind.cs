namespace AdaMomentumSharp.Cli.Tasks;

/// <summary>The families of tasks; each has its own metric and its own default hyperparameters.</summary>
public enum TaskKind
{
    /// <summary>Image classification; metric: accuracy, higher is better.</summary>
    ImageClassification,

    /// <summary>Character-level language modelling; metric: perplexity, lower is better.</summary>
    LanguageModel,
}
