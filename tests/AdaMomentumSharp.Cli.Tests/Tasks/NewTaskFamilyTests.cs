using System.Text.Json;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Sweeps;
using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// A task family the CLI does not ship (regression scored by RMSE, lower is better) runs through the comparison,
/// tuning and report machinery unchanged: a new family brings a recipe, not a new case in a switch.
/// </summary>
public sealed class NewTaskFamilyTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void RegressionRecipe_TunesTowardsTheLowestRmse_AndReportsItsOwnMetric()
    {
        string output = temp.File("regression");
        var options = new ComparisonOptions(new LinearRegressionTask(), [OptimizerCatalog.Get("adam"), OptimizerCatalog.Get("sgdm")],
            Epochs: 3, Seeds: [1], BatchSize: 16, LrOverrides: new Dictionary<string, double>(), LrGridFactors: [0.01, 1], TrainLimit: null,
            DataDirectory: temp.Path, OutputDirectory: output, Layers: 1, Schedule: "none");

        new ComparisonRunner(options, new NullProgress()).Run(CancellationToken.None);

        var tuning = CsvFile.Read<TuningResult>(Path.Combine(output, TuningResult.FileName));
        // The catalogue's order (sgdm before adam), rates ascending.
        Assert.Equal([0.0002, 0.02, 0.0005, 0.05], tuning.Select(t => t.Lr));
        foreach (var tried in tuning.GroupBy(t => t.Optimizer))
        {
            Assert.True(tried.Max(t => t.BestValMetric) > 1.5 * tried.Min(t => t.BestValMetric), "the grid should separate the two rates");
            Assert.Equal(tried.Min(t => t.BestValMetric), tried.Single(t => t.Chosen).BestValMetric);
        }
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "summary.json")));
        Assert.Equal("rmse", summary.RootElement.GetProperty("metric").GetString());
        Assert.False(summary.RootElement.GetProperty("higher_is_better").GetBoolean());
        string report = File.ReadAllText(Path.Combine(output, "report.md"));
        Assert.Contains("| n | test rmse | best epoch | final training loss | wall s / epoch ¹ |\n", report.ReplaceLineEndings("\n"));
    }

    /// <summary>y = x·w + noise for 4 features, 320 training, 64 validation and 64 test rows.</summary>
    private sealed class LinearRegressionTask : SupervisedTask
    {
        public static TaskRecipe Regression { get; } = new("regression", new TrainingDefaults(0, 1e-8, 0, 0),
            new LearningRates(Adaptive: 0.05, Momentum: 0.02), new MeanSquaredError(), new RootMeanSquaredError());

        public override string Name => "linear-regression";

        public override string Description => "linear regression on generated data";

        public override TaskRecipe Recipe => Regression;

        public override string DefaultDataDirectory => "";

        public override int DefaultEpochs => 3;

        public override int DefaultBatchSize => 16;

        protected override TaskData Load(TaskSettings settings, CancellationToken cancellation) => new RegressionData();

        public override nn.Module<Tensor, Tensor> CreateModel(TaskData data, TaskSettings settings) => nn.Linear(4, 1);
    }

    private sealed class RegressionData : TaskData
    {
        private readonly Dictionary<DataSplit, (Tensor X, Tensor Y)> splits = [];

        public RegressionData()
        {
            var generator = new torch.Generator(7);
            using Tensor w = torch.tensor(new float[] { 2, -1, 0.5f, 3 }, [4, 1]);
            foreach (var (split, rows) in new[] { (DataSplit.Train, 320), (DataSplit.Validation, 64), (DataSplit.Test, 64) })
            {
                Tensor x = torch.randn([rows, 4], generator: generator);
                splits[split] = (x, x.matmul(w).add_(torch.randn([rows, 1], generator: generator).mul_(0.1)));
            }
        }

        public override int Count(DataSplit split) => (int)splits[split].X.shape[0];

        public override IEnumerable<(Tensor Input, Tensor Target)> Batches(DataSplit split, int batchSize, Random? shuffle = null) =>
            Batches(splits[split].X, splits[split].Y, batchSize, shuffle);

        protected override void Dispose(bool disposing)
        {
            foreach (var (x, y) in splits.Values)
            {
                x.Dispose();
                y.Dispose();
            }
        }
    }

    private sealed class MeanSquaredError : ILossFunction
    {
        public Tensor Compute(Tensor output, Tensor target, double labelSmoothing, nn.Reduction reduction = nn.Reduction.Mean) =>
            nn.functional.mse_loss(output, target, reduction);
    }

    private sealed class RootMeanSquaredError : EvaluationMetric
    {
        public override string Name => "rmse";

        public override bool HigherIsBetter => false;

        public override MetricAccumulator Start() => new Accumulator();

        public override string Format(double value) => FormattableString.Invariant($"{value:F4}");

        private sealed class Accumulator : MetricAccumulator
        {
            private double squares, count;

            public override double Value => Math.Sqrt(squares / count);

            public override void Add(Tensor output, Tensor target)
            {
                squares += (output - target).square().sum().item<float>();
                count += target.shape[0];
            }
        }
    }
}
