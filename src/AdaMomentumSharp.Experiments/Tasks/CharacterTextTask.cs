using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>The character language models' shared data pipeline: the fortunes corpus in windows of 64 characters.</summary>
internal abstract class CharacterTextTask : SupervisedTask
{
    public const int SequenceLength = 64;

    public override TaskRecipe Recipe => TaskRecipes.LanguageModel;

    public override string DefaultDataDirectory => TextCorpus.DefaultDirectory;

    public override int DefaultBatchSize => 64;

    protected override TaskData Load(TaskSettings settings, CancellationToken cancellation) =>
        new TextData(TextCorpus.Load(settings.DataDirectory), SequenceLength, settings.TrainLimit);

    protected static int AlphabetSize(TaskData data) => ((TextData)data).Alphabet.Length;
}
