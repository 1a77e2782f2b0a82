namespace AdaMomentumSharp.Tests;

/// <summary>One element's parameter, gradient and moments, widened to double.</summary>
public readonly record struct ElementState(double P, double G, double M, double V, double VMax);

/// <summary>
/// Compares one step of an implementation with <see cref="ReferenceAdaMomentum"/> started from the same state,
/// within an error budget: each quantity's own rounding (<c>relative</c> times the size of the terms it sums)
/// plus the error it inherits from the quantities it is computed from.
/// </summary>
public static class OneStepCheck
{
    public static void AssertMatchesReference(AdaMomentumOptions options, long t, ElementState before, ElementState after,
                                              double relative, string where)
    {
        var expected = ReferenceAdaMomentum.Step(options, t, before.P, before.G, before.M, before.V, before.VMax);
        double decay = options.FixedDecay ? 1 - options.WeightDecay : 1 - options.LearningRate * options.WeightDecay;
        double decayedP = options.DecoupledWeightDecay ? before.P * decay : before.P;
        double gradientTerm = Math.Abs(before.G) + options.WeightDecay * Math.Abs(before.P);
        double mError = relative * (options.Beta1 * Math.Abs(before.M) + (1 - options.Beta1) * gradientTerm);
        double vError = relative * (options.Beta2 * before.V + (1 - options.Beta2) * expected.M * expected.M + options.Epsilon)
                        + (1 - options.Beta2) * 2 * Math.Abs(expected.M) * mError;
        double update = Math.Abs(expected.P - decayedP);
        double secondMoment = options.AmsGrad && !options.Rectify ? expected.VMax : expected.V;
        double pError = relative * (Math.Abs(decayedP) + update)
                        + (expected.M == 0 ? 0 : update * mError / Math.Abs(expected.M))
                        + (secondMoment == 0 ? 0 : update * vError / secondMoment);

        string context = $"{options} step {t} {where}";
        AssertClose(expected.M, after.M, mError, "m", context);
        AssertClose(expected.V, after.V, vError, "v", context);
        AssertClose(expected.P, after.P, pError, "p", context);
        if (options.AmsGrad)
        {
            AssertClose(expected.VMax, after.VMax, vError, "vmax", context);
        }
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what, string where)
    {
        if (!(Math.Abs(expected - actual) <= tolerance) && !(expected == actual))
        {
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (tolerance {tolerance:E2}) at {where}");
        }
    }
}
