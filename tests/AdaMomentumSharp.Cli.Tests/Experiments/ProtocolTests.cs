using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// The two protocols: each optimizer's eps as the authors' scripts give it under both, their rates and weight decay
/// only under theirs, and --lr, --eps, --weight-decay over either; each run's values recorded in its folder.
/// </summary>
public sealed class ProtocolTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly TempDirectory results = new();

    public ProtocolTests() => SyntheticData.WriteFashionMnist(data.Path, trainCount: 200, testCount: 40);

    public void Dispose()
    {
        data.Dispose();
        results.Dispose();
    }

    private static ExperimentSettings Settings(string task, int layers, string protocol, string? eps = null, string? weightDecay = null)
    {
        TrainingDefaults defaults = TaskRegistry.Get(task).Recipe.Defaults;
        return new ExperimentSettings(task, 1, 20, null, layers, "none", defaults.WeightDecay, defaults.Eps, "/data",
                                      Protocol: protocol, EpsOverrides: eps, WeightDecayOverrides: weightDecay);
    }

    // main_all_{1,2,3}layer.sh of the authors' LSTM_Penn_Treebank, as ../shared/paper-anchors.md tabulates them.
    [Theory]
    [InlineData("adamomentum", 1, 1e-3, 1e-16)]
    [InlineData("adamomentum", 3, 1e-3, 1e-16)]
    [InlineData("adam", 1, 1e-3, 1e-12)]
    [InlineData("adam", 2, 1e-2, 1e-8)]
    [InlineData("adabelief", 1, 1e-3, 1e-16)]
    [InlineData("adabelief", 2, 1e-2, 1e-12)]
    [InlineData("radam", 1, 1e-3, 1e-12)]
    [InlineData("adamw", 3, 1e-3, 1e-8)]
    [InlineData("adabound", 2, 1e-2, 1e-8)]
    [InlineData("yogi", 1, 1e-2, 1e-3)]
    [InlineData("sgd", 2, 30, 1e-12)]
    public void AuthorsProtocol_OnTheWordLstm_SetsRateAndEpsAsTheirScripts(string optimizer, int layers, double lr, double eps)
    {
        ExperimentSettings settings = Settings("ptb-lstm", layers, Protocol.Authors);

        Assert.Equal(lr, Protocol.BaseLr(TaskRecipes.WordLanguageModel, settings, OptimizerCatalog.Get(optimizer)));
        Assert.Equal((eps, 1.2e-6), Protocol.Settings(TaskRecipes.WordLanguageModel, settings, optimizer));
    }

    [Fact]
    public void TunedProtocol_OnTheWordLstm_TakesTheAuthorsEps_ButTheFamilysRate()
    {
        ExperimentSettings settings = Settings("ptb-lstm", 2, Protocol.Tuned);

        Assert.Equal(1e-3, Protocol.BaseLr(TaskRecipes.WordLanguageModel, settings, OptimizerCatalog.Get("adam")));
        Assert.Equal((1e-8, 1.2e-6), Protocol.Settings(TaskRecipes.WordLanguageModel, settings, "adam"));
        Assert.Equal((1e-16, 1.2e-6), Protocol.Settings(TaskRecipes.WordLanguageModel, settings, "adamomentum"));
        // Not in the authors' scripts: the recipe's eps.
        Assert.Equal((1e-12, 1.2e-6), Protocol.Settings(TaskRecipes.WordLanguageModel, settings, "amsgrad"));
    }

    [Theory]
    [InlineData(Protocol.Authors, "adam", 0)]
    [InlineData(Protocol.Authors, "adamomentum", 5e-4)]
    [InlineData(Protocol.Authors, "adamw", 5e-4)]
    [InlineData(Protocol.Tuned, "adam", 5e-4)]
    public void OnImages_OnlyTheAuthorsProtocolLeavesAdamWithoutWeightDecay(string protocol, string optimizer, double weightDecay)
    {
        ExperimentSettings settings = Settings("fashion-cnn-augmented", 1, protocol);

        Assert.Equal((1e-8, weightDecay), Protocol.Settings(TaskRecipes.ImageClassification, settings, optimizer));
    }

    [Fact]
    public void Overrides_WinOverEitherProtocol_AndOnlyForTheOptimizerTheyName()
    {
        ExperimentSettings settings = Settings("ptb-lstm", 1, Protocol.Authors, eps: "adam=1e-08,adamomentum=1e-12", weightDecay: "adamomentum=0");

        Assert.Equal((1e-12, 0.0), Protocol.Settings(TaskRecipes.WordLanguageModel, settings, "adamomentum"));
        Assert.Equal((1e-8, 1.2e-6), Protocol.Settings(TaskRecipes.WordLanguageModel, settings, "adam"));
        Assert.Equal((1e-3, 1.2e-6), Protocol.Settings(TaskRecipes.WordLanguageModel, settings, "yogi"));
    }

    private string[] Compare(string output, params string[] extra) =>
    [
        "compare", "--task", "fashion-mlp", "--optimizers", "adamomentum,adam", "--epochs", "1", "--batch-size", "50",
        "--data", data.Path, "--out", output, "--quiet", "--threads", "1", .. extra,
    ];

    [Fact]
    public void Compare_RecordsTheProtocolInTheFolder_AndEachRunsEpsAndWeightDecay()
    {
        string output = results.File("authors");

        Assert.Equal(0, CliRunner.Run(Compare(output, "--protocol", "authors", "--eps", "adamomentum=1e-16")));

        var settings = ResultsJson.Read<ExperimentSettings>(Path.Combine(output, "experiment.json"));
        Assert.Equal((Protocol.Authors, "adamomentum=1E-16", null), (settings.Protocol, settings.EpsOverrides, settings.WeightDecayOverrides));
        var runs = RunStore.ReadAll(output, out _).ToDictionary(r => r.Optimizer);
        Assert.Equal((1e-8, 0.0), (runs["adam"].Eps, runs["adam"].WeightDecay));
        Assert.Equal((1e-16, 5e-4), (runs["adamomentum"].Eps, runs["adamomentum"].WeightDecay));
        Assert.Contains("Protocol: authors (docs/EXPERIMENTS.md, *Protocols*). Each optimizer's eps and weight decay, as its runs recorded them: " +
                        "adam eps 1E-08, weight decay 0; adamomentum eps 1E-16, weight decay 0.0005.\n", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Fact]
    public void Compare_WeightDecayOfZeroForOneOptimizer_IsThatRunsAlone()
    {
        string output = results.File("decay");

        Assert.Equal(0, CliRunner.Run(Compare(output, "--weight-decay", "adamomentum=0")));

        var runs = RunStore.ReadAll(output, out _).ToDictionary(r => r.Optimizer, r => r.WeightDecay);
        Assert.Equal(0.0, runs["adamomentum"]);
        Assert.Equal(5e-4, runs["adam"]);
    }

    [Fact]
    public void Compare_ResumedWithOtherEps_NamesTheOptionAndTheFoldersValue()
    {
        string output = results.File("eps");
        Assert.Equal(0, CliRunner.Run(Compare(output, "--eps", "adamomentum=1e-16")));

        var e = Assert.Throws<ClaimedFolderException>(() => CliRunner.Run(Compare(output, "--eps", "adamomentum=1e-12")));

        Assert.Equal($"{output} holds runs made with other settings: --eps adamomentum=1E-16 there, adamomentum=1E-12 now. " +
                     "Use another --out folder to start afresh, or resume this one with --eps adamomentum=1E-16.", e.Message);
    }

    [Fact]
    public void Compare_LrGridUnderTheAuthorsProtocol_IsRefusedBeforeAnythingIsWritten()
    {
        string output = results.File("grid");

        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run(Compare(output, "--protocol", "authors", "--lr-grid", "1,3")));

        Assert.Equal("--lr-grid tunes each optimizer's rate, which --protocol authors sets as the authors' scripts do; use one or the other.", e.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Compare_EpsForSgd_IsRefused_AndSgdRunsRecordNoEps()
    {
        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run(
            ["compare", "--task", "fashion-mlp", "--optimizers", "sgdm", "--eps", "sgdm=1e-3", "--data", data.Path, "--out", results.File("sgd")]));
        Assert.Equal("--eps names 'sgdm', which has no eps (SGD divides by nothing); give eps to adaptive methods only.", e.Message);

        string output = results.File("sgd-run");
        Assert.Equal(0, CliRunner.Run(["compare", "--task", "fashion-mlp", "--optimizers", "sgdm", "--epochs", "1", "--batch-size", "50",
                                       "--data", data.Path, "--out", output, "--quiet", "--threads", "1"]));
        RunRecord run = Assert.Single(RunStore.ReadAll(output, out _));
        Assert.Equal((null, 5e-4), (run.Eps, run.WeightDecay));
        Assert.Contains("runs recorded them: sgdm weight decay 0.0005.", File.ReadAllText(Path.Combine(output, "report.md")));
    }

    [Fact]
    public void Compare_EpsForAnOptimizerNotCompared_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => CliRunner.Run(Compare(results.File("other"), "--eps", "yogi=1e-3")));

        Assert.Equal("--eps names 'yogi', which is not among --optimizers (adamomentum, adam).", e.Message);
    }
}
