using System.Numerics;

namespace AdaMomentumSharp;

public static unsafe partial class AdaMomentumKernel
{
    /// <summary>
    /// Steps many buffers, each with its own options and step number, in one pass split across up to
    /// <paramref name="maxDegreeOfParallelism"/> threads: what an optimizer over a model's parameter list needs, for
    /// any memory the caller can point at (pinned arrays, native tensor storage). Everything is checked before anything
    /// is written: every option (and that it fits <typeparamref name="T"/>), every step number and length, every
    /// pointer, that no written buffer shares memory with any other buffer of the list, and then, unless
    /// <paramref name="nonFiniteGradients"/> is <see cref="NonFiniteGradients.Ignore"/>, every gradient.
    /// </summary>
    /// <returns>True when the update was applied; false only when <see cref="NonFiniteGradients.Skip"/> skipped it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option, step number, length or thread count is out of range.</exception>
    /// <exception cref="ArgumentException">A pointer is null, or written memory is shared; the message names the buffers.</exception>
    /// <exception cref="NonFiniteGradientException">A gradient is not finite under <see cref="NonFiniteGradients.Throw"/>.</exception>
    public static bool StepMany<T>(ReadOnlySpan<BufferStep<T>> buffers, NonFiniteGradients nonFiniteGradients, int maxDegreeOfParallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireDefined(nonFiniteGradients);
        StepWork<T>[] work = Prepare(buffers, maxDegreeOfParallelism);
        return Run<T>(work, nonFiniteGradients, maxDegreeOfParallelism);
    }

    /// <summary>
    /// Checks <paramref name="buffers"/> exactly as <see cref="StepMany{T}"/> does before it writes (options and their fit
    /// in <typeparamref name="T"/>, step numbers, lengths, pointers, shared memory), gradients' values aside, and writes
    /// nothing: for callers that step several lists and must refuse before the first one changes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option, step number or length is out of range.</exception>
    /// <exception cref="ArgumentException">A pointer is null, or written memory is shared.</exception>
    public static void Validate<T>(ReadOnlySpan<BufferStep<T>> buffers)
        where T : unmanaged, IFloatingPointIeee754<T> => Prepare(buffers, maxDegreeOfParallelism: 1);

    /// <summary>
    /// The first NaN or infinite gradient element of <paramref name="buffers"/>, in list order, or null when all are
    /// finite. Reads only the gradients, on up to <paramref name="maxDegreeOfParallelism"/> threads; for callers that
    /// combine several lists (float32 and float64 parameters, say) into one decision before stepping any.
    /// </summary>
    public static NonFiniteGradient? FindNonFiniteGradient<T>(ReadOnlySpan<BufferStep<T>> buffers, int maxDegreeOfParallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        StepCoefficients<T>.RequireFloatOrDouble();
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        var work = new StepWork<T>[buffers.Length];
        for (int i = 0; i < buffers.Length; i++)
        {
            RequirePointer(buffers[i].Gradients, nameof(BufferStep<T>.Gradients), i);
            ArgumentOutOfRangeException.ThrowIfNegative(buffers[i].Length, $"buffers[{i}].Length");
            work[i] = new StepWork<T>(buffers[i], default);
        }
        return NonFiniteScan.FindFirst<T>(work, maxDegreeOfParallelism) is var (buffer, element, value)
            ? new NonFiniteGradient(buffer, element, value)
            : null;
    }

    /// <summary>Checks every buffer of a many-buffer step and resolves its coefficients, writing nothing.</summary>
    private static StepWork<T>[] Prepare<T>(ReadOnlySpan<BufferStep<T>> buffers, int maxDegreeOfParallelism)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        StepCoefficients<T>.RequireFloatOrDouble();
        var work = new StepWork<T>[buffers.Length];
        var regions = new MemoryRegion[5 * buffers.Length];
        int n = buffers.Length;
        for (int i = 0; i < buffers.Length; i++)
        {
            BufferStep<T> b = buffers[i];
            StepCoefficients<T> coefficients = Resolve(b, i);
            ArgumentOutOfRangeException.ThrowIfNegative(b.Length, $"buffers[{i}].Length");
            // A byte length that overflows would hide the buffer from the overlap check; no memory is that large.
            ArgumentOutOfRangeException.ThrowIfGreaterThan(b.Length, long.MaxValue / sizeof(T) / 2, $"buffers[{i}].Length");
            RequirePointer(b.Parameters, nameof(b.Parameters), i);
            RequirePointer(b.Gradients, nameof(b.Gradients), i);
            RequirePointer(b.ExpAvg, nameof(b.ExpAvg), i);
            RequirePointer(b.ExpAvgSq, nameof(b.ExpAvgSq), i);
            if (coefficients.TracksMaximum)
            {
                RequirePointer(b.MaxExpAvgSq, nameof(b.MaxExpAvgSq), i);
            }
            T* max = coefficients.TracksMaximum ? b.MaxExpAvgSq : null;
            long bytes = b.Length * sizeof(T);
            regions[4 * i] = new MemoryRegion((nint)b.Parameters, bytes, "parameters", i, Written: true);
            regions[4 * i + 1] = new MemoryRegion((nint)b.Gradients, bytes, "gradients", i, Written: false);
            regions[4 * i + 2] = new MemoryRegion((nint)b.ExpAvg, bytes, "expAvg", i, Written: true);
            regions[4 * i + 3] = new MemoryRegion((nint)b.ExpAvgSq, bytes, "expAvgSq", i, Written: true);
            // The maxima after every other buffer, so that an overlap is named as it always was.
            regions[4 * n + i] = new MemoryRegion((nint)max, bytes, "maxExpAvgSq", i, Written: true);
            work[i] = new StepWork<T>(new BufferStep<T>(coefficients, b.Parameters, b.Gradients, b.ExpAvg, b.ExpAvgSq, max, b.Length),
                                      coefficients);
        }
        MemoryRegions.RequireWrittenDisjoint(regions);
        return work;
    }

    /// <summary>
    /// The coefficients of buffer <paramref name="index"/>: its AdaMomentum options checked and resolved at its step, or
    /// the coefficients it carries, whose kinds must be defined (a value outside the enums would step nothing).
    /// </summary>
    private static StepCoefficients<T> Resolve<T>(in BufferStep<T> b, int index)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (b.Coefficients is { } given)
        {
            if (!Enum.IsDefined(given.Kind) || !Enum.IsDefined(given.SecondMoment))
            {
                throw new ArgumentOutOfRangeException($"buffers[{index}].Coefficients", (given.Kind, given.SecondMoment),
                    $"buffers[{index}].Coefficients has Kind = {(int)given.Kind} and SecondMoment = {(int)given.SecondMoment}; both must be defined values of their enums.");
            }
            return given;
        }
        ArgumentNullException.ThrowIfNull(b.Options, $"buffers[{index}].Options");
        b.Options.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(b.Step, 1, $"buffers[{index}].Step");
        return StepCoefficients<T>.For(b.Options, b.Step);
    }

    private static void RequireDefined(NonFiniteGradients nonFiniteGradients)
    {
        if (!Enum.IsDefined(nonFiniteGradients))
        {
            throw new ArgumentOutOfRangeException(nameof(nonFiniteGradients), nonFiniteGradients,
                $"nonFiniteGradients = {(int)nonFiniteGradients} is not a policy; it must be Throw, Skip or Ignore.");
        }
    }

    private static void RequirePointer<T>(T* pointer, string name, int index)
        where T : unmanaged
    {
        if (pointer == null)
        {
            throw new ArgumentException($"buffers[{index}].{name} is a null pointer.", $"buffers[{index}].{name}");
        }
    }
}
