using System.Numerics;
using System.Runtime.InteropServices;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp;

/// <summary>
/// AdaMomentum over your own arrays: owns the moments of a fixed list of parameter buffers, steps them all
/// in one parallel pass, and saves and loads its state in a versioned, checksummed binary format.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
/// <remarks>
/// Use an optimizer from one thread at a time: <see cref="Step"/>, <see cref="Save(Stream)"/>, <see cref="Load(Stream)"/>
/// and <see cref="Reset"/> called while another of them runs on another thread throw
/// <see cref="InvalidOperationException"/> naming the one under way, and change nothing.
/// </remarks>
/// <example>
/// <code>
/// var optimizer = new AdaMomentumOptimizer&lt;float&gt;([weights.Length, bias.Length]);
/// for (int i = 0; i &lt; 1000; i++)
/// {
///     ComputeGradients(weights, bias, weightGrads, biasGrads);
///     optimizer.Step([weights, bias], [weightGrads, biasGrads]);
/// }
/// optimizer.Save("optimizer.state");
/// </code>
/// </example>
public sealed class AdaMomentumOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] bufferLengths;
    private BufferMoments<T>[] moments;
    private AdaMomentumOptions options;
    private int maxDegreeOfParallelism = Environment.ProcessorCount;
    private string? running;

    /// <summary>Creates an optimizer for buffers of the given lengths, with zeroed moments.</summary>
    /// <param name="bufferLengths">The length of each parameter buffer, in the order <see cref="Step"/> receives them.</param>
    /// <param name="options">Hyperparameters; the defaults when null.</param>
    /// <param name="nonFiniteGradients">What a step does with NaN or infinite gradients (default: throw, changing nothing).</param>
    public AdaMomentumOptimizer(IEnumerable<int> bufferLengths, AdaMomentumOptions? options = null,
                                NonFiniteGradients nonFiniteGradients = NonFiniteGradients.Throw)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"AdaMomentumOptimizer supports float and double elements, not {typeof(T).Name}.");
        }
        ArgumentNullException.ThrowIfNull(bufferLengths);
        this.bufferLengths = bufferLengths.ToArray();
        foreach (int length in this.bufferLengths)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(length, nameof(bufferLengths));
        }
        this.options = options ?? new AdaMomentumOptions();
        this.options.Validate();
        NonFiniteGradients = nonFiniteGradients;
        moments = ZeroMoments(this.options.AmsGrad);
    }

    /// <summary>The hyperparameters; setting validates them first. Change them between steps to schedule them.</summary>
    public AdaMomentumOptions Options
    {
        get => options;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate();
            options = value;
        }
    }

    /// <summary>What <see cref="Step"/> does with NaN or infinite gradients: a policy of the optimizer, not a hyperparameter.</summary>
    public NonFiniteGradients NonFiniteGradients
    {
        get;
        set
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(NonFiniteGradients), value, "NonFiniteGradients must be Throw, Skip or Ignore.");
            }
            field = value;
        }
    }

    /// <summary>Number of steps applied so far (skipped steps do not count).</summary>
    public long StepCount { get; private set; }

    /// <summary>The buffer lengths this optimizer was created for.</summary>
    public IReadOnlyList<int> BufferLengths => bufferLengths;

    /// <summary>Most threads one step may use; defaults to <see cref="Environment.ProcessorCount"/>.</summary>
    public int MaxDegreeOfParallelism
    {
        get => maxDegreeOfParallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            maxDegreeOfParallelism = value;
        }
    }

    /// <summary>The first moment m of buffer <paramref name="buffer"/>.</summary>
    public ReadOnlySpan<T> ExpAvg(int buffer) => Moments(buffer).ExpAvg;

    /// <summary>The second moment v of buffer <paramref name="buffer"/>.</summary>
    public ReadOnlySpan<T> ExpAvgSq(int buffer) => Moments(buffer).ExpAvgSq;

    /// <summary>The running maximum of v of buffer <paramref name="buffer"/>; empty until a step with AmsGrad.</summary>
    public ReadOnlySpan<T> MaxExpAvgSq(int buffer) => Moments(buffer).MaxExpAvgSq;

    private BufferMoments<T> Moments(int buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(buffer);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(buffer, bufferLengths.Length);
        return moments[buffer];
    }

    /// <summary>
    /// One AdaMomentum step over every buffer. All arguments and all gradients are checked before anything
    /// is written, so a rejected step changes no parameter and no state.
    /// </summary>
    /// <returns>True when applied; false when <see cref="NonFiniteGradients.Skip"/> skipped it.</returns>
    /// <exception cref="ArgumentException">Counts or lengths differ from <see cref="BufferLengths"/>, or a parameter buffer
    /// shares memory with any other parameter or gradient buffer (gradients may share memory with each other).</exception>
    /// <exception cref="NonFiniteGradientException">A gradient is not finite under <see cref="NonFiniteGradients.Throw"/>.</exception>
    /// <exception cref="InvalidOperationException">Another thread is stepping, saving or loading this optimizer.</exception>
    public unsafe bool Step(IReadOnlyList<T[]> parameters, IReadOnlyList<T[]> gradients)
    {
        using var exclusive = Exclusive(nameof(Step));
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(gradients);
        RequireCount(parameters.Count, nameof(parameters));
        RequireCount(gradients.Count, nameof(gradients));
        for (int i = 0; i < bufferLengths.Length; i++)
        {
            RequireLength(parameters[i], i, nameof(parameters));
            RequireLength(gradients[i], i, nameof(gradients));
        }

        AdaMomentumOptions current = options;
        BufferMoments<T>[] state = current.AmsGrad ? EnsureMaxMoments() : moments;
        var pins = new List<GCHandle>(2 * bufferLengths.Length);
        try
        {
            var coefficients = StepCoefficients<T>.For(current, StepCount + 1);
            var work = new StepWork<T>[bufferLengths.Length];
            var regions = new MemoryRegion[2 * work.Length];
            for (int i = 0; i < work.Length; i++)
            {
                T* p = Pin(parameters[i], pins), g = Pin(gradients[i], pins);
                T* m = Pin(state[i].ExpAvg, pins), v = Pin(state[i].ExpAvgSq, pins);
                T* max = current.AmsGrad ? Pin(state[i].MaxExpAvgSq!, pins) : null;
                long bytes = (long)bufferLengths[i] * sizeof(T);
                regions[i] = new MemoryRegion((nint)p, bytes, nameof(parameters), i, Written: true);
                regions[work.Length + i] = new MemoryRegion((nint)g, bytes, nameof(gradients), i, Written: false);
                work[i] = new StepWork<T>(new BufferStep<T>(current, StepCount + 1, p, g, m, v, max, bufferLengths[i]), coefficients);
            }
            // The moments are this optimizer's own arrays; only the caller's buffers can share memory.
            MemoryRegions.RequireWrittenDisjoint(regions);
            if (!AdaMomentumKernel.Run<T>(work, NonFiniteGradients, maxDegreeOfParallelism))
            {
                return false;
            }
        }
        finally
        {
            foreach (GCHandle pin in pins)
            {
                pin.Free();
            }
        }
        moments = state;
        StepCount++;
        return true;
    }

    /// <summary>Zeroes the moments and the step count, keeping the options.</summary>
    /// <exception cref="InvalidOperationException">Another thread is stepping, saving or loading this optimizer.</exception>
    public void Reset()
    {
        using var exclusive = Exclusive(nameof(Reset));
        moments = ZeroMoments(options.AmsGrad);
        StepCount = 0;
    }

    /// <summary>Writes options, step count and moments to <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidOperationException">Another thread is stepping, saving or loading this optimizer.</exception>
    public void Save(Stream destination)
    {
        using var exclusive = Exclusive(nameof(Save));
        ArgumentNullException.ThrowIfNull(destination);
        AdaMomentumStateFormat.Write(destination, new AdaMomentumState<T>(options, NonFiniteGradients, StepCount, moments));
    }

    /// <summary>Saves to <paramref name="path"/> atomically: a crash leaves the old file or the new, never a torn one.</summary>
    public void Save(string path) => AtomicFile.Write(path, Save);

    /// <summary>
    /// Replaces options, step count and moments with a state saved by <see cref="Save(Stream)"/>. The whole
    /// stream is read and checked first; on any error this optimizer is left exactly as it was.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream is truncated, corrupt, of another format or element type,
    /// holds buffers that do not match <see cref="BufferLengths"/>, an option this version does not know, or a step
    /// count the next step could not increment.</exception>
    /// <exception cref="InvalidOperationException">Another thread is stepping, saving or loading this optimizer.</exception>
    public void Load(Stream source)
    {
        using var exclusive = Exclusive(nameof(Load));
        ArgumentNullException.ThrowIfNull(source);
        AdaMomentumState<T> state = AdaMomentumStateFormat.Read<T>(source, bufferLengths);
        options = state.Options;
        NonFiniteGradients = state.NonFiniteGradients;
        StepCount = state.StepCount;
        moments = state.Buffers;
    }

    /// <summary>Loads from the file at <paramref name="path"/>; see <see cref="Load(Stream)"/>.</summary>
    public void Load(string path)
    {
        using var stream = File.OpenRead(path);
        Load(stream);
    }

    private ExclusiveUse Exclusive(string operation) => new(ref running, operation, "an AdaMomentumOptimizer");

    private BufferMoments<T>[] ZeroMoments(bool amsGrad) =>
        bufferLengths.Select(length => BufferMoments<T>.Zeros(length, amsGrad)).ToArray();

    /// <summary>AmsGrad switched on mid-run starts its maximum at zero, so that max(0, v) = v at once.</summary>
    private BufferMoments<T>[] EnsureMaxMoments() =>
        moments.Select(b => b.MaxExpAvgSq is null ? b with { MaxExpAvgSq = new T[b.ExpAvg.Length] } : b).ToArray();

    private static unsafe T* Pin(T[] array, List<GCHandle> pins)
    {
        GCHandle handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        pins.Add(handle);
        return (T*)handle.AddrOfPinnedObject();
    }

    private void RequireCount(int count, string name)
    {
        if (count != bufferLengths.Length)
        {
            throw new ArgumentException($"{name} has {count} buffers but this optimizer was created for {bufferLengths.Length}.", name);
        }
    }

    private void RequireLength(T[] buffer, int index, string name)
    {
        ArgumentNullException.ThrowIfNull(buffer, $"{name}[{index}]");
        if (buffer.Length != bufferLengths[index])
        {
            throw new ArgumentException(
                $"{name}[{index}] has {buffer.Length} elements but this optimizer's buffer {index} has {bufferLengths[index]}.", name);
        }
    }
}
