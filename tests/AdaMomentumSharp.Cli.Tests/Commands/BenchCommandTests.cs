using AdaMomentumSharp.Cli.Commands;
using AdaMomentumSharp.Experiments.Bandwidth;
using AdaMomentumSharp.Experiments.Optimizers;
using TorchSharp;

namespace AdaMomentumSharp.Cli.Tests;

public class BenchCommandTests
{
    [Fact]
    public void Catalogue_CountsEachOptimizersOwnBytes()
    {
        var bytes = OptimizerCatalog.All.ToDictionary(o => o.Name, o => o.BytesPerElement);

        Assert.Equal(28, bytes["adamomentum"]);
        Assert.All((string[])["adabelief", "radam", "yogi", "adabound"], name => Assert.Equal(28, bytes[name]));
        Assert.Equal(28, bytes["adam"]);
        Assert.Equal(36, bytes["amsgrad"]);
        Assert.Equal(20, bytes["sgdm"]);
    }

    [Fact]
    public void Measure_ReportsOrderedQuartilesOfTheRoundByRoundRatio()
    {
        torch.manual_seed(1);
        var parameters = BenchCommand.SplitParameters(1 << 16, 4);
        foreach (var p in parameters)
        {
            p.grad = torch.ones_like(p);
        }
        using var optimizer = OptimizerCatalog.Get("sgdm").Create(parameters, new OptimizerSettings(1e-3, 0, 1e-8, 1));

        var m = BenchCommand.Measure(optimizer, new StreamTriad.Arrays(1 << 16), 20, 1 << 16, steps: 9, threads: 1);

        Assert.InRange(m.LowerFloorRatio, 0, m.MedianFloorRatio);
        Assert.InRange(m.UpperFloorRatio, m.MedianFloorRatio, double.MaxValue);
        Assert.InRange(m.MedianTriadGBs, m.MinTriadGBs, m.MaxTriadGBs);
        Assert.True(m.MinTriadGBs > 0 && m.MedianStepMs > 0);
    }

    [Fact]
    public void Run_OnANoisyMachineOrNot_TablesEveryOptimizerWithItsBytes()
    {
        torch.manual_seed(2);
        string table = BenchCommand.Run(BenchCommand.SplitParameters(1 << 14, 2), "random", 5,
                                        [OptimizerCatalog.Get("adamomentum"), OptimizerCatalog.Get("sgdm")]);

        Assert.Contains("| adamomentum | 28 |", table);
        Assert.Contains("| sgdm | 20 |", table);
        Assert.Contains("follows a triad", table);
    }

    /// <summary>The ratio is the floor's time over the step's (1 = at the floor, below 1 = slower): the header must say so.</summary>
    [Fact]
    public void Run_RatioColumn_IsHeadedFloorOverStep()
    {
        torch.manual_seed(3);
        string table = BenchCommand.Run(BenchCommand.SplitParameters(1 << 12, 1), "random", 3, [OptimizerCatalog.Get("sgdm")]);

        Assert.Contains("| its floor ÷ step (median, quartiles) |", table);
        Assert.DoesNotContain("step ÷", table);
        Assert.Contains("A ratio below 1 means the step took longer", table);
    }
}
