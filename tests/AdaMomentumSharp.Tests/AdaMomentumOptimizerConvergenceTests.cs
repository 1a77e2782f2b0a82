namespace AdaMomentumSharp.Tests;

public class AdaMomentumOptimizerConvergenceTests
{
    [Theory]
    [InlineData(false, false, 0.05)]
    [InlineData(true, false, 0.05)]
    [InlineData(false, true, 0.01)] // the rectified warm-up is plain momentum SGD: lr · max curvature must stay below 2
    public void Step_OnIllConditionedQuadratic_ReachesMinimumWithin1e3(bool amsGrad, bool rectify, double lr)
    {
        // f(x) = ½ Σ a_i (x_i − c_i)², curvatures spanning four orders of magnitude.
        const int n = 50;
        double[] a = Enumerable.Range(0, n).Select(i => Math.Pow(10, 4.0 * i / (n - 1) - 2)).ToArray();
        double[] c = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        var x = new double[n];
        var g = new double[n];
        var optimizer = new AdaMomentumOptimizer<double>([n], new AdaMomentumOptions { LearningRate = lr, AmsGrad = amsGrad, Rectify = rectify });

        for (int t = 1; t <= 6000; t++)
        {
            // Decay the step size late on so the iterate settles instead of hovering at the scale of lr.
            if (t == 3000 || t == 4500)
            {
                optimizer.Options = optimizer.Options with { LearningRate = optimizer.Options.LearningRate * 0.1 };
            }
            for (int i = 0; i < n; i++)
            {
                g[i] = a[i] * (x[i] - c[i]);
            }
            optimizer.Step([x], [g]);
        }

        double worst = x.Zip(c, (xi, ci) => Math.Abs(xi - ci)).Max();
        Assert.True(worst < 1e-3, $"max |x − c| = {worst}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Step_OnRosenbrock_ReachesMinimumWithin1e2(bool amsGrad)
    {
        float[] xy = [-1.5f, 2f];
        var g = new float[2];
        var optimizer = new AdaMomentumOptimizer<float>([2], new AdaMomentumOptions { LearningRate = 0.02, AmsGrad = amsGrad });

        for (int t = 1; t <= 20_000; t++)
        {
            if (t == 12_000 || t == 16_000)
            {
                optimizer.Options = optimizer.Options with { LearningRate = optimizer.Options.LearningRate * 0.1 };
            }
            double x = xy[0], y = xy[1];
            g[0] = (float)(-2 * (1 - x) - 400 * x * (y - x * x));
            g[1] = (float)(200 * (y - x * x));
            optimizer.Step([xy], [g]);
        }

        Assert.True(Math.Abs(xy[0] - 1) < 1e-2 && Math.Abs(xy[1] - 1) < 1e-2, $"ended at ({xy[0]}, {xy[1]})");
    }
}
