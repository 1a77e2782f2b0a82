using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>
/// The AdaMomentum update as one fused, vectorized pass over a buffer, split across cores when the buffer
/// is large. Per element, with step t counted from 1, exactly as the authors' class (wyzjack/AdaM3) computes it:
/// <code>
/// g    = ±grad  (negated when Maximize);   L2 mode: g += wd·p
/// decoupled mode: p *= 1 − lr·wd  (FixedDecay: p *= 1 − wd)
/// m    = β1·m + (1 − β1)·g
/// v    = β2·v + (1 − β2)·m·m + eps                 (eps is stored into v on every step, rectified or not)
/// vmax = max(vmax, v)                              (AmsGrad only)
/// p   -= lr / (1 − β1^t) · m / (sqrt(vmax or v) / sqrt(1 − β2^t))
/// </code>
/// With <see cref="AdaMomentumOptions.Rectify"/> (RAdam-style, as the official code): ρ∞ = 2/(1−β2) − 1,
/// ρt = ρ∞ − 2tβ2^t/(1−β2^t); while ρt &lt; 5, <c>p -= lr·m/(1−β1^t)</c> (nothing when
/// <see cref="AdaMomentumOptions.DegeneratedToSgd"/> is off); after, <c>p -= lr·r_t·m/(sqrt(v) + eps)</c> with
/// r_t = sqrt((1−β2^t)(ρt−4)(ρt−2)ρ∞ / ((ρ∞−4)(ρ∞−2)ρt)) / (1−β1^t); vmax is kept but not used.
/// </summary>
/// <remarks>
/// Every call validates its arguments before touching memory: a rejected call changes nothing.
/// Results do not depend on how many threads run the step (bit for bit).
/// </remarks>
public static unsafe partial class AdaMomentumKernel
{
    /// <summary>
    /// Performs step <paramref name="step"/> of AdaMomentum on one float32 buffer, in place, using up to
    /// <see cref="Environment.ProcessorCount"/> threads when the buffer is large.
    /// </summary>
    /// <param name="options">Hyperparameters; validated on every call.</param>
    /// <param name="step">1 on the first call for this buffer, then 2, 3, …</param>
    /// <param name="parameters">The parameters p, updated in place.</param>
    /// <param name="gradients">The gradients; same length as <paramref name="parameters"/>.</param>
    /// <param name="expAvg">First moment m (zeros before step 1), updated in place.</param>
    /// <param name="expAvgSq">Second moment v (zeros before step 1), updated in place.</param>
    /// <param name="maxExpAvgSq">Running maximum of v (zeros before step 1) with AmsGrad; may be empty otherwise.</param>
    /// <returns>
    /// True when the update was applied; false only when <see cref="NonFiniteGradients.Skip"/> skipped it.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">An option or <paramref name="step"/> is out of range.</exception>
    /// <exception cref="ArgumentException">Spans differ in length or overlap.</exception>
    /// <exception cref="NonFiniteGradientException">A gradient is not finite under <see cref="NonFiniteGradients.Throw"/>.</exception>
    public static bool Step(AdaMomentumOptions options, long step, Span<float> parameters, ReadOnlySpan<float> gradients,
                            Span<float> expAvg, Span<float> expAvgSq, Span<float> maxExpAvgSq)
        => Step<float>(options, step, parameters, gradients, expAvg, expAvgSq, maxExpAvgSq, NonFiniteGradients.Throw, Environment.ProcessorCount);

    /// <inheritdoc cref="Step(AdaMomentumOptions, long, Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float})"/>
    public static bool Step(AdaMomentumOptions options, long step, Span<double> parameters, ReadOnlySpan<double> gradients,
                            Span<double> expAvg, Span<double> expAvgSq, Span<double> maxExpAvgSq)
        => Step<double>(options, step, parameters, gradients, expAvg, expAvgSq, maxExpAvgSq, NonFiniteGradients.Throw, Environment.ProcessorCount);

    /// <summary>As the overload without it, on at most <paramref name="maxDegreeOfParallelism"/> threads (≥ 1).</summary>
    /// <inheritdoc cref="Step(AdaMomentumOptions, long, Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float})"/>
    public static bool Step(AdaMomentumOptions options, long step, Span<float> parameters, ReadOnlySpan<float> gradients,
                            Span<float> expAvg, Span<float> expAvgSq, Span<float> maxExpAvgSq, int maxDegreeOfParallelism)
        => Step<float>(options, step, parameters, gradients, expAvg, expAvgSq, maxExpAvgSq, NonFiniteGradients.Throw, maxDegreeOfParallelism);

    /// <summary>As the overload without it, on at most <paramref name="maxDegreeOfParallelism"/> threads (≥ 1).</summary>
    /// <inheritdoc cref="Step(AdaMomentumOptions, long, Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float})"/>
    public static bool Step(AdaMomentumOptions options, long step, Span<double> parameters, ReadOnlySpan<double> gradients,
                            Span<double> expAvg, Span<double> expAvgSq, Span<double> maxExpAvgSq, int maxDegreeOfParallelism)
        => Step<double>(options, step, parameters, gradients, expAvg, expAvgSq, maxExpAvgSq, NonFiniteGradients.Throw, maxDegreeOfParallelism);

    /// <summary>
    /// As the overload without it, with <paramref name="nonFiniteGradients"/> deciding what NaN or infinite gradients do
    /// (the overloads without it throw, changing nothing).
    /// </summary>
    /// <inheritdoc cref="Step(AdaMomentumOptions, long, Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, int)"/>
    public static bool Step(AdaMomentumOptions options, long step, Span<float> parameters, ReadOnlySpan<float> gradients,
                            Span<float> expAvg, Span<float> expAvgSq, Span<float> maxExpAvgSq, NonFiniteGradients nonFiniteGradients,
                            int maxDegreeOfParallelism)
        => Step<float>(options, step, parameters, gradients, expAvg, expAvgSq, maxExpAvgSq, nonFiniteGradients, maxDegreeOfParallelism);

    /// <inheritdoc cref="Step(AdaMomentumOptions, long, Span{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, NonFiniteGradients, int)"/>
    public static bool Step(AdaMomentumOptions options, long step, Span<double> parameters, ReadOnlySpan<double> gradients,
                            Span<double> expAvg, Span<double> expAvgSq, Span<double> maxExpAvgSq, NonFiniteGradients nonFiniteGradients,
                            int maxDegreeOfParallelism)
        => Step<double>(options, step, parameters, gradients, expAvg, expAvgSq, maxExpAvgSq, nonFiniteGradients, maxDegreeOfParallelism);

    internal static bool Step<T>(AdaMomentumOptions options, long step, Span<T> parameters, ReadOnlySpan<T> gradients,
                                 Span<T> expAvg, Span<T> expAvgSq, Span<T> maxExpAvgSq, NonFiniteGradients nonFiniteGradients,
                                 int maxDegreeOfParallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireDefined(nonFiniteGradients);
        ValidateCall(options, step, maxDegreeOfParallelism);
        ValidateBuffers(options, parameters, gradients, expAvg, expAvgSq, maxExpAvgSq);

        fixed (T* p = parameters, g = gradients, m = expAvg, v = expAvgSq, vmax = maxExpAvgSq)
        {
            T* max = options.AmsGrad ? vmax : null;
            long bytes = (long)parameters.Length * sizeof(T);
            MemoryRegions.RequireWrittenDisjoint([
                new((nint)p, bytes, nameof(parameters), null, Written: true),
                new((nint)g, bytes, nameof(gradients), null, Written: false),
                new((nint)m, bytes, nameof(expAvg), null, Written: true),
                new((nint)v, bytes, nameof(expAvgSq), null, Written: true),
                new((nint)max, bytes, nameof(maxExpAvgSq), null, Written: true),
            ]);
            var buffers = new BufferStep<T>(options, step, p, g, m, v, max, parameters.Length);
            StepWork<T> work = new(buffers, StepCoefficients<T>.For(options, step));
            return Run(new ReadOnlySpan<StepWork<T>>(in work), nonFiniteGradients, maxDegreeOfParallelism);
        }
    }

    /// <summary>Rejects invalid options, a step below 1 or a thread count below 1.</summary>
    internal static void ValidateCall(AdaMomentumOptions options, long step, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(step, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
    }

    /// <summary>Rejects spans whose lengths differ from the parameters'.</summary>
    internal static void ValidateBuffers<T>(AdaMomentumOptions options, ReadOnlySpan<T> parameters, ReadOnlySpan<T> gradients,
                                            ReadOnlySpan<T> expAvg, ReadOnlySpan<T> expAvgSq, ReadOnlySpan<T> maxExpAvgSq)
    {
        RequireSameLength(parameters, gradients, nameof(gradients));
        RequireSameLength(parameters, expAvg, nameof(expAvg));
        RequireSameLength(parameters, expAvgSq, nameof(expAvgSq));
        if (options.AmsGrad)
        {
            RequireSameLength(parameters, maxExpAvgSq, nameof(maxExpAvgSq));
        }
    }

    /// <summary>
    /// Applies the non-finite policy to all buffers' gradients, then steps all of them in one parallel pass.
    /// Callers have validated everything else.
    /// </summary>
    internal static bool Run<T>(ReadOnlySpan<StepWork<T>> work, NonFiniteGradients policy, int maxDegreeOfParallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (policy != NonFiniteGradients.Ignore && NonFiniteScan.FindFirst(work, maxDegreeOfParallelism) is var (buffer, index, value))
        {
            return policy == NonFiniteGradients.Skip
                ? false
                : throw new NonFiniteGradientException(buffer, index, value);
        }

        ParallelChunks.Run(StepWork<T>.Lengths(work), maxDegreeOfParallelism, new StepChunk<T>(work.ToArray()));
        return true;
    }

    private static void RequireSameLength<T>(ReadOnlySpan<T> parameters, ReadOnlySpan<T> other, string name)
    {
        if (other.Length != parameters.Length)
        {
            throw new ArgumentException(
                $"{name} has {other.Length} elements but parameters has {parameters.Length}; they must be equal.", name);
        }
    }

    private readonly struct StepChunk<T>(StepWork<T>[] work) : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run(int buffer, long start, long end) => FusedStepLoop.Run(work[buffer], start, end);
    }
}
