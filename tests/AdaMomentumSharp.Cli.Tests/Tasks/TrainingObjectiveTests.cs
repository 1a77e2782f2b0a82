using AdaMomentumSharp.Experiments.Data;
using AdaMomentumSharp.Experiments.Models;
using AdaMomentumSharp.Experiments.Tasks;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>
/// What one training step of <see cref="SupervisedRun"/> minimizes and how far it moves: AWD-LSTM's activation penalties
/// join the objective but not the reported loss, and its rate scales with the window's length over 70.
/// </summary>
public sealed class TrainingObjectiveTests
{
    private const double Lr = 0.1;

    /// <summary>A float32 linear classifier of rows (the run reads float32 losses) whose activation penalty is α·Σw² + β·Σb², so its gradient is known exactly.</summary>
    private sealed class PenalizedLinear : nn.Module<Tensor, Tensor>, IActivationPenalized
    {
        private readonly TorchSharp.Modules.Linear linear = nn.Linear(3, 2);

        public PenalizedLinear() : base(nameof(PenalizedLinear)) => RegisterComponents();

        public TorchSharp.Modules.Linear Linear => linear;

        public override Tensor forward(Tensor input) => linear.call(input);

        public Tensor ActivationPenalty(double alpha, double beta) =>
            linear.weight!.pow(2).sum().mul(alpha).add(linear.bias!.pow(2).sum().mul(beta));
    }

    private static TaskRecipe Recipe(double ar, double tar, bool scaled) => TaskRecipes.WordLanguageModel with
    {
        Defaults = new TrainingDefaults(WeightDecay: 0, Eps: 1e-8, LabelSmoothing: 0, GradientClipNorm: 0,
                                        ActivationRegularization: ar, TemporalActivationRegularization: tar, LrScaledByWindow: scaled),
    };

    /// <summary>Weight and bias after one plain-SGD step on <paramref name="rows"/> rows, and the loss the run reported.</summary>
    private static (float[] Weight, float[] Bias, double Reported, float[] ExpectedWeight, float[] ExpectedBias) OneStep(
        int rows, TaskRecipe recipe, double scale, double alpha, double beta)
    {
        torch.manual_seed(3);
        var model = new PenalizedLinear();
        using Tensor input = torch.randn(rows, 3, dtype: float32);
        using Tensor target = torch.randint(0, 2, [rows]);

        // The expected step, by hand: the gradient of the mean cross-entropy plus the penalty's 2αw and 2βb.
        using Tensor w = model.Linear.weight!.detach().clone().requires_grad_(), b = model.Linear.bias!.detach().clone().requires_grad_();
        using Tensor loss = nn.functional.cross_entropy(input.matmul(w.t()).add(b), target);
        loss.backward();
        using Tensor expectedW = w.detach() - (w.grad! + w.detach().mul(2 * alpha)).mul(Lr * scale);
        using Tensor expectedB = b.detach() - (b.grad! + b.detach().mul(2 * beta)).mul(Lr * scale);

        using var run = new SupervisedRun(model, p => optim.SGD(p, Lr), recipe, data: null!, torch.CPU);
        double reported = run.TrainEpoch([(input, target)], _ => { }, CancellationToken.None);

        return (model.Linear.weight!.data<float>().ToArray(), model.Linear.bias!.data<float>().ToArray(), reported,
                expectedW.data<float>().ToArray(), expectedB.data<float>().ToArray());
    }

    [Theory]
    [InlineData(BpttBatches.SequenceLength, 1.0)]
    [InlineData(35, 0.5)]
    [InlineData(7, 0.1)]
    public void WindowScaledRate_MovesTheWeightsByTheWindowsShareOfSeventyRows(int rows, double scale)
    {
        var (weight, bias, _, expectedWeight, expectedBias) = OneStep(rows, Recipe(0, 0, scaled: true), scale, 0, 0);

        Assert.Equal(expectedWeight, weight, (a, e) => Math.Abs(a - e) <= 1e-6f);
        Assert.Equal(expectedBias, bias, (a, e) => Math.Abs(a - e) <= 1e-6f);
    }

    [Fact]
    public void WindowScaledRate_IsRestoredAfterTheStep_SoSchedulesAndCheckpointsSeeTheBaseRate()
    {
        torch.manual_seed(3);
        var model = new PenalizedLinear();
        using var run = new SupervisedRun(model, p => optim.SGD(p, Lr), Recipe(0, 0, scaled: true), data: null!, torch.CPU);

        run.TrainEpoch([(torch.randn(35, 3, dtype: float32), torch.randint(0, 2, [35]))], _ => { }, CancellationToken.None);

        Assert.Equal(Lr, run.Optimizers[0].Optimizer.ParamGroups.Single().LearningRate);
    }

    [Fact]
    public void ActivationPenalties_JoinTheObjective_ButNotTheReportedLoss()
    {
        var (weight, bias, reported, expectedWeight, expectedBias) = OneStep(BpttBatches.SequenceLength, Recipe(2, 1, scaled: false), 1, 2, 1);

        Assert.Equal(expectedWeight, weight, (a, e) => Math.Abs(a - e) <= 1e-6f);
        Assert.Equal(expectedBias, bias, (a, e) => Math.Abs(a - e) <= 1e-6f);

        // The reported loss is the plain cross-entropy before the step: the same batch without penalties reports it too.
        var (_, _, plain, _, _) = OneStep(BpttBatches.SequenceLength, Recipe(0, 0, scaled: false), 1, 0, 0);
        Assert.Equal(plain, reported);
    }

    [Fact]
    public void StatefulLanguageModel_PenaltyOfItsLastTrainingCall_IsTheAwdLstmFormula_AndAfterEvaluationThereIsNone()
    {
        torch.manual_seed(5);
        var options = new AwdLstmOptions(Vocabulary: 12, Embedding: 4, Hidden: 6, Layers: 2);
        using var model = new StatefulLanguageModel(new AwdLstmLanguageModel(options));
        using Tensor words = torch.randint(0, 12, [9, 3]);

        model.train();
        using var scope = torch.NewDisposeScope();
        model.call(words);
        double penalty = model.ActivationPenalty(2, 1).item<float>();
        double arOnly = model.ActivationPenalty(2, 0).item<float>(), tarOnly = model.ActivationPenalty(0, 1).item<float>();

        Assert.True(arOnly > 0 && tarOnly > 0, $"AR {arOnly}, TAR {tarOnly}");
        Assert.Equal(arOnly + tarOnly, penalty, 1e-6);
        model.eval();
        model.call(words);
        Assert.Throws<InvalidOperationException>(() => model.ActivationPenalty(2, 1));
    }
}
