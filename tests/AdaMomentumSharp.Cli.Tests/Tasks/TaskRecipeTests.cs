using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>The task families' recipes: the authors' defaults, each optimizer's learning rate, the loss and the metrics.</summary>
public sealed class TaskRecipeTests
{
    [Theory]
    [InlineData("fashion-cnn", 5e-4, 1e-8, 0.1, 0, "accuracy", true)]
    [InlineData("fashion-mlp", 5e-4, 1e-8, 0.1, 0, "accuracy", true)]
    [InlineData("char-lstm", 1.2e-6, 1e-12, 0, 0.25, "perplexity", false)]
    [InlineData("char-transformer", 1.2e-6, 1e-12, 0, 0.25, "perplexity", false)]
    public void EveryTask_TakesItsFamilysDefaultsAndMetric(string name, double weightDecay, double eps, double smoothing, double clip,
                                                           string metric, bool higherIsBetter)
    {
        TaskRecipe recipe = TaskRegistry.Get(name).Recipe;

        Assert.Equal(new TrainingDefaults(weightDecay, eps, smoothing, clip), recipe.Defaults);
        Assert.Equal((metric, higherIsBetter), (recipe.Metric.Name, recipe.Metric.HigherIsBetter));
    }

    /// <summary>Every task of the registry with the family its recipe belongs to: a new task fails here until it has a row.</summary>
    private static readonly Dictionary<string, string> FamilyOfEachTask = new()
    {
        ["fashion-cnn"] = "images",
        ["fashion-cnn-augmented"] = "images",
        ["fashion-mlp"] = "images",
        ["cifar10-vgg16"] = "images",
        ["cifar10-resnet34"] = "images",
        ["cifar10-densenet121"] = "images",
        ["cifar100-vgg16"] = "images",
        ["cifar100-resnet34"] = "images",
        ["cifar100-densenet121"] = "images",
        ["char-lstm"] = "characters",
        ["char-transformer"] = "characters",
        ["ptb-lstm"] = "words",
        ["fashion-dcgan"] = "gan",
        ["cifar10-dcgan"] = "gan",
    };

    [Fact]
    public void EveryRegisteredTask_HasARowAndItsFamilysRecipe()
    {
        Assert.Equal(FamilyOfEachTask.Keys.Order(), TaskRegistry.All.Select(t => t.Name).Order());
        foreach (ExperimentTask task in TaskRegistry.All)
        {
            TaskRecipe expected = FamilyOfEachTask[task.Name] switch
            {
                "images" => TaskRecipes.ImageClassification,
                "characters" => TaskRecipes.LanguageModel,
                "words" => TaskRecipes.WordLanguageModel,
                _ => task.Recipe, // a GAN recipe depends on its feature source; the metric check below still holds it to FID
            };
            Assert.True(expected.Defaults == task.Recipe.Defaults && expected.Metric.Name == task.Recipe.Metric.Name,
                        $"{task.Name} does not take the {FamilyOfEachTask[task.Name]} recipe.");
            Assert.True(FamilyOfEachTask[task.Name] != "gan" || task.Recipe.Metric.Name == "FID", $"{task.Name} is not scored by FID.");
        }
    }

    [Fact]
    public void DefaultLr_FollowsTheOptimizersFamily_AsThePapersSetups()
    {
        foreach (OptimizerSpec spec in OptimizerCatalog.All)
        {
            bool sgd = spec.Family == OptimizerFamily.Momentum;
            Assert.Equal(sgd ? 0.1 : 1e-3, TaskRecipes.ImageClassification.DefaultLr(spec));
            Assert.Equal(sgd ? 1.0 : 1e-3, TaskRecipes.LanguageModel.DefaultLr(spec));
        }
    }

    [Fact]
    public void BitsPerToken_AreBitsPerCharOnCharacterModels_AndBitsPerWordOnTheWordModel()
    {
        Assert.Equal("test bits/char", TaskRegistry.Get("char-lstm").Recipe.Metric.Derived!.Header);
        Assert.Equal("test bits/word", TaskRegistry.Get("ptb-lstm").Recipe.Metric.Derived!.Header);
    }

    [Fact]
    public void CrossEntropyLoss_WithLabelSmoothing_IsTheMixOfNllAndUniformCrossEntropy()
    {
        using Tensor logits = torch.tensor(new float[] { 2, 0, -1, 0.5f, 0.5f, 3 }, [2, 3]);
        using Tensor target = torch.tensor(new long[] { 0, 2 });

        using Tensor smoothed = CrossEntropyLoss.Instance.Compute(logits, target, 0.1);

        double[][] rows = [[2, 0, -1], [0.5, 0.5, 3]];
        double expected = rows.Select((row, n) =>
        {
            double logSum = Math.Log(row.Sum(Math.Exp));
            double nll = logSum - row[n == 0 ? 0 : 2];
            double uniform = row.Average(x => logSum - x);
            return 0.9 * nll + 0.1 * uniform;
        }).Average();
        Assert.Equal(expected, smoothed.item<float>(), 1e-6);
    }

    [Fact]
    public void Accuracy_OverSeveralBatches_IsTheFractionOfCorrectArgmaxes()
    {
        MetricAccumulator accuracy = new AccuracyMetric().Start();

        accuracy.Add(torch.tensor(new float[] { 1, 0, 0, 1, 5, 2 }, [3, 2]), torch.tensor(new long[] { 0, 0, 0 }));
        accuracy.Add(torch.tensor(new float[] { 0, 1 }, [1, 2]), torch.tensor(new long[] { 1 }));

        Assert.Equal(3.0 / 4, accuracy.Value);
    }

    [Fact]
    public void Perplexity_OverBatchesOfUnequalSize_IsExpOfTheMeanLossPerToken()
    {
        MetricAccumulator perplexity = new PerplexityMetric().Start();
        float[] first = [2, 0, -1, 0.5f, 0.5f, 3], second = [0, 0, 1];

        perplexity.Add(torch.tensor(first, [2, 3]), torch.tensor(new long[] { 1, 2 }));
        perplexity.Add(torch.tensor(second, [1, 3]), torch.tensor(new long[] { 0 }));

        static double Nll(float[] row, int target) => Math.Log(row.Sum(x => Math.Exp(x))) - row[target];
        double mean = (Nll(first[..3], 1) + Nll(first[3..], 2) + Nll(second, 0)) / 3;
        Assert.Equal(Math.Exp(mean), perplexity.Value, 1e-5);
    }

    [Theory]
    [InlineData(true, 0.8)]
    [InlineData(false, 0.2)]
    public void Best_SkipsDivergedValues_InTheMetricsDirection(bool higherIsBetter, double expected)
    {
        EvaluationMetric metric = higherIsBetter ? new AccuracyMetric() : new PerplexityMetric();
        double[] values = [0.5, double.NaN, 0.8, 0.2, double.NaN];

        Assert.Equal(expected, metric.Best(values, v => v));
        Assert.Equal(metric.Worst, metric.WorstIfNaN(double.NaN));
        Assert.Equal(higherIsBetter, metric.Reaches(0.9, 0.85));
    }
}
