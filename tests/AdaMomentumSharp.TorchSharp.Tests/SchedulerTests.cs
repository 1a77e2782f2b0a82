using AdaMomentumSharp.Tests;
using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// Schedulers drive the group's learning rate (and, for OneCycleLR, β1); each test records the values in force
/// at every step and checks the trajectory against the reference run with exactly those values.
/// </summary>
public class SchedulerTests
{
    [Fact]
    public void StepLR_HalvesTheLearningRateEveryTwoSteps_AndStepsUseIt()
    {
        var (p, optimizer) = Setup();
        var scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size: 2, gamma: 0.5);

        var used = Run(p, optimizer, scheduler.step, 8);

        Assert.Equal([0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125], used.Select(u => Math.Round(u.Lr, 12)));
    }

    [Fact]
    public void CosineAnnealingLR_FollowsTheCosine_AndStepsUseIt()
    {
        var (p, optimizer) = Setup();
        var scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max: 10, eta_min: 0.001);

        var used = Run(p, optimizer, scheduler.step, 10);

        for (int t = 0; t < 10; t++)
        {
            Assert.Equal(0.001 + (0.1 - 0.001) * (1 + Math.Cos(Math.PI * t / 10)) / 2, used[t].Lr, 1e-12);
        }
    }

    [Fact]
    public void OneCycleLR_CyclesLearningRateAndBeta1_AndStepsUseBoth()
    {
        var (p, optimizer) = Setup();
        var scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr: 0.1, total_steps: 20, base_momentum: 0.85, max_momentum: 0.95);

        var used = Run(p, optimizer, scheduler.step, 20);

        Assert.Equal(0.95, used[0].Beta1, 1e-12);
        Assert.True(used.Min(u => u.Beta1) < 0.86, "β1 never came down to base_momentum");
        Assert.True(used.Max(u => u.Lr) > 0.09 && used[0].Lr < 0.01, "the learning rate did not warm up");
    }

    [Fact]
    public void ReduceLROnPlateau_CutsTheLearningRateAfterPatienceRunsOut()
    {
        var (p, optimizer) = Setup();
        var scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor: 0.5, patience: 2);

        var used = Run(p, optimizer, () => scheduler.step(1.0), 8);

        Assert.Equal(0.1, used[0].Lr, 1e-12);
        Assert.Equal(0.05, used[4].Lr, 1e-12);
        Assert.True(used[^1].Lr < 0.05);
    }

    private static (Parameter, AdaMomentum) Setup()
    {
        Parameter p = Parameter(new Random(5), [20], ScalarType.Float64);
        return (p, new AdaMomentum([p], lr: 0.1));
    }

    /// <summary>Steps with fixed gradients; before each step records the hyperparameters in force and checks the step.</summary>
    private static List<(double Lr, double Beta1)> Run(Parameter p, AdaMomentum optimizer, Action schedule, int steps)
    {
        var group = (AdaMomentum.ParamGroup)optimizer.ParamGroups.Single();
        var used = new List<(double, double)>();
        var random = new Random(9);
        for (int t = 1; t <= steps; t++)
        {
            p.grad = Random(random, [20], 1, ScalarType.Float64);
            var options = new AdaMomentumOptions { LearningRate = group.LearningRate, Beta1 = group.Betas.Item1, Beta2 = group.Betas.Item2 };
            used.Add((options.LearningRate, options.Beta1));
            AdaMomentum.State s = StateOf(optimizer, 0);
            double[] p0 = Values(p), g = Values(p.grad!), m0 = Values(s.exp_avg), v0 = Values(s.exp_avg_sq);

            optimizer.step();
            schedule();

            double[] p1 = Values(p), m1 = Values(s.exp_avg), v1 = Values(s.exp_avg_sq);
            for (int i = 0; i < p0.Length; i++)
            {
                OneStepCheck.AssertMatchesReference(options, t, new(p0[i], g[i], m0[i], v0[i], 0), new(p1[i], g[i], m1[i], v1[i], 0), 1e-12, $"element {i}");
            }
        }
        return used;
    }
}
