using System.Text.Json;

namespace AdaMomentumSharp.Tests;

/// <summary>The state the authors' class reached after one of the listed steps.</summary>
public sealed record GoldenCheckpoint(long Step, double[] P, double[] M, double[] V, double[] VMax);

/// <summary>
/// One trajectory computed by the authors' AdaM3 class (wyzjack/AdaM3, CNN_CIFAR/optimizers/AdaM3.py) on PyTorch:
/// options, starting parameters, one gradient per step, and the state after the listed steps.
/// </summary>
public sealed record GoldenCase(string Name, bool IsFloat32, AdaMomentumOptions Options, double[] P0, double[][] Gradients,
                                GoldenCheckpoint[] After)
{
    public override string ToString() => $"{Name} ({(IsFloat32 ? "float32" : "float64")})";
}

/// <summary>Reads TestData/adam3-official.json, copied from shared/golden (figures, not code).</summary>
public static class GoldenTrajectories
{
    private static readonly Lazy<GoldenCase[]> Cases = new(Load);

    public static IReadOnlyList<GoldenCase> All => Cases.Value;

    public static IEnumerable<GoldenCase> Float64 => All.Where(c => !c.IsFloat32);

    public static IEnumerable<GoldenCase> Float32 => All.Where(c => c.IsFloat32);

    public static GoldenCase Named(string name, bool float32) => All.Single(c => c.Name == name && c.IsFloat32 == float32);

    /// <summary>Case names, for theories.</summary>
    public static TheoryData<string> Names => new(All.Select(c => c.Name).Distinct());

    private static GoldenCase[] Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "adam3-official.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(ReadCase).ToArray();
    }

    private static GoldenCase ReadCase(JsonElement c)
    {
        JsonElement o = c.GetProperty("options");
        bool Flag(string name) => o.GetProperty(name).GetBoolean();
        double Number(string name) => o.GetProperty(name).GetDouble();
        var options = new AdaMomentumOptions
        {
            LearningRate = Number("lr"),
            Beta1 = Number("beta1"),
            Beta2 = Number("beta2"),
            Epsilon = Number("eps"),
            WeightDecay = Number("weight_decay"),
            DecoupledWeightDecay = Flag("weight_decouple"),
            FixedDecay = Flag("fixed_decay"),
            AmsGrad = Flag("amsgrad"),
            Rectify = Flag("rectify"),
            DegeneratedToSgd = Flag("degenerated_to_sgd"),
            Maximize = Flag("maximize"),
        };
        bool float32 = c.GetProperty("dtype").GetString() switch
        {
            "float32" => true,
            "float64" => false,
            var other => throw new InvalidDataException($"Unknown dtype {other}."),
        };
        return new GoldenCase(
            c.GetProperty("name").GetString()!, float32, options, Doubles(c.GetProperty("p0")),
            c.GetProperty("grads").EnumerateArray().Select(Doubles).ToArray(),
            c.GetProperty("after").EnumerateArray().Select(a => new GoldenCheckpoint(
                a.GetProperty("step").GetInt64(), Doubles(a.GetProperty("p")), Doubles(a.GetProperty("m")),
                Doubles(a.GetProperty("v")), Doubles(a.GetProperty("vmax")))).ToArray());
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(x => x.GetDouble()).ToArray();
}

/// <summary>
/// Replays a golden case through an implementation and records, over p, m, v and vmax at every listed step, the
/// largest element-wise relative error |ours − theirs| / |theirs| (exact agreement counts as 0, including at 0) and
/// the largest normwise error max|ours − theirs| / max|theirs| of each vector.
/// </summary>
public sealed class GoldenReplay
{
    public double MaxRelativeError { get; private set; }

    /// <summary>
    /// The float32 measure: elements of m that pass near zero have large relative errors from rounding alone, so each
    /// vector's error is taken relative to its largest element.
    /// </summary>
    public double MaxNormwiseError { get; private set; }

    public string Worst { get; private set; } = "none";

    public string WorstNormwise { get; private set; } = "none";

    /// <summary>
    /// Steps through <paramref name="golden"/>: <paramref name="step"/> performs step t with the given gradient,
    /// <paramref name="read"/> returns the implementation's (p, m, v, vmax) widened to double.
    /// </summary>
    public static GoldenReplay Run(GoldenCase golden, Action<long, double[]> step, Func<(double[] P, double[] M, double[] V, double[] VMax)> read)
    {
        var replay = new GoldenReplay();
        int next = 0;
        for (long t = 1; t <= golden.Gradients.Length && next < golden.After.Length; t++)
        {
            step(t, golden.Gradients[t - 1]);
            if (golden.After[next].Step != t)
            {
                continue;
            }
            GoldenCheckpoint expected = golden.After[next++];
            var actual = read();
            replay.Compare(expected.P, actual.P, $"p at step {t}");
            replay.Compare(expected.M, actual.M, $"m at step {t}");
            replay.Compare(expected.V, actual.V, $"v at step {t}");
            if (golden.Options.AmsGrad)
            {
                replay.Compare(expected.VMax, actual.VMax, $"vmax at step {t}");
            }
        }
        Assert.Equal(golden.After.Length, next);
        return replay;
    }

    /// <summary>Fails naming the worst element unless every element-wise relative error is within <paramref name="bound"/>.</summary>
    public void AssertWithin(double bound, GoldenCase golden, string path)
    {
        Assert.True(MaxRelativeError <= bound,
            $"{golden} through {path}: max relative error {MaxRelativeError:E3} > {bound:E1}, worst at {Worst}");
    }

    /// <summary>Fails naming the worst vector unless every normwise error is within <paramref name="bound"/>.</summary>
    public void AssertNormwiseWithin(double bound, GoldenCase golden, string path)
    {
        Assert.True(MaxNormwiseError <= bound,
            $"{golden} through {path}: max normwise error {MaxNormwiseError:E3} > {bound:E1}, worst at {WorstNormwise}");
    }

    private void Compare(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double largest = expected.Max(Math.Abs), largestError = expected.Zip(actual, (e, a) => e == a ? 0 : Math.Abs(a - e)).Max();
        double normwise = largestError == 0 ? 0 : largestError / largest;
        if (!(normwise <= MaxNormwiseError))
        {
            MaxNormwiseError = normwise;
            WorstNormwise = what;
        }
        for (int i = 0; i < expected.Length; i++)
        {
            double error = expected[i] == actual[i] ? 0 : Math.Abs(actual[i] - expected[i]) / Math.Abs(expected[i]);
            if (!(error <= MaxRelativeError))
            {
                MaxRelativeError = error;
                Worst = $"{what} element {i}: ours {actual[i]:R}, theirs {expected[i]:R}";
            }
        }
    }
}
