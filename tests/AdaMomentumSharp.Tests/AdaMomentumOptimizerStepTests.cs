namespace AdaMomentumSharp.Tests;

public class AdaMomentumOptimizerStepTests
{
    [Fact]
    public void Step_SameArrayAsTwoParameterBuffers_ThrowsNamingBothAndChangesNothing()
    {
        var optimizer = new AdaMomentumOptimizer<double>([3, 3]);
        double[] shared = [1, 2, 3];

        var e = Assert.Throws<ArgumentException>(() => optimizer.Step([shared, shared], [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]));

        Assert.StartsWith("parameters[1] is the same memory as parameters[0];", e.Message);
        Assert.Equal("parameters", e.ParamName);
        AssertUntouched(optimizer, shared, [1, 2, 3]);
    }

    [Fact]
    public void Step_ParameterUsedAsAnotherBuffersGradient_ThrowsNamingBothAndChangesNothing()
    {
        var optimizer = new AdaMomentumOptimizer<double>([3, 3], new AdaMomentumOptions { AmsGrad = true });
        double[] first = [1, 2, 3], second = [4, 5, 6];

        var e = Assert.Throws<ArgumentException>(() => optimizer.Step([first, second], [second, [0.4, 0.5, 0.6]]));

        Assert.StartsWith("gradients[0] is the same memory as parameters[1];", e.Message);
        Assert.Equal("gradients", e.ParamName);
        AssertUntouched(optimizer, first, [1, 2, 3]);
        AssertUntouched(optimizer, second, [4, 5, 6]);
    }

    [Fact]
    public void Step_OneGradientArrayForTwoBuffers_StepsAsTwoCopiesWould()
    {
        double[] gradient = [0.1, -0.2, 0.3];
        var shared = new AdaMomentumOptimizer<double>([3, 3]);
        var copied = new AdaMomentumOptimizer<double>([3, 3]);
        double[][] sharedParameters = [[1, 2, 3], [4, 5, 6]], copiedParameters = [[1, 2, 3], [4, 5, 6]];

        Assert.True(shared.Step(sharedParameters, [gradient, gradient]));
        Assert.True(copied.Step(copiedParameters, [(double[])gradient.Clone(), (double[])gradient.Clone()]));

        Assert.Equal(copiedParameters, sharedParameters);
        Assert.NotEqual(new double[] { 1, 2, 3 }, sharedParameters[0]);
        Assert.Equal(1, shared.StepCount);
    }

    private static void AssertUntouched(AdaMomentumOptimizer<double> optimizer, double[] parameters, double[] expected)
    {
        Assert.Equal(expected, parameters);
        Assert.Equal(0, optimizer.StepCount);
        for (int b = 0; b < optimizer.BufferLengths.Count; b++)
        {
            Assert.All(optimizer.ExpAvg(b).ToArray(), x => Assert.Equal(0.0, x));
            Assert.All(optimizer.ExpAvgSq(b).ToArray(), x => Assert.Equal(0.0, x));
        }
    }
}
