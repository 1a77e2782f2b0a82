using System.Numerics;

namespace AdaMomentumSharp;

/// <summary>
/// One parameter buffer's part in a step of <see cref="AdaMomentumKernel.StepMany{T}"/>: where its memory is, how long
/// it is, and which options and step number apply to it. For memory the garbage collector does not move: native tensor
/// storage, or arrays the caller has pinned for the duration of the call. A buffer either carries AdaMomentum's options
/// and step number, which the kernel checks and resolves, or the <see cref="StepCoefficients{T}"/> of another optimizer of
/// the family (AdaBelief, RAdam, Yogi, AdaBound), resolved by that optimizer and taken as they are.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly unsafe struct BufferStep<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Describes one buffer's step; nothing is checked until the step runs.</summary>
    /// <param name="options">The hyperparameters (for example the buffer's parameter group's).</param>
    /// <param name="step">The step this call performs on the buffer: 1 the first time, then 2, 3, …</param>
    /// <param name="parameters">The parameters p, updated in place.</param>
    /// <param name="gradients">The gradients, only read.</param>
    /// <param name="expAvg">The first moment m (zeros before step 1), updated in place.</param>
    /// <param name="expAvgSq">The second moment v (zeros before step 1), updated in place.</param>
    /// <param name="maxExpAvgSq">The running maximum of v with AmsGrad (zeros before step 1); null otherwise.</param>
    /// <param name="length">The number of elements of each of these buffers.</param>
    public BufferStep(AdaMomentumOptions options, long step, T* parameters, T* gradients, T* expAvg, T* expAvgSq, T* maxExpAvgSq, long length)
        : this(options, step, null, parameters, gradients, expAvg, expAvgSq, maxExpAvgSq, length)
    {
    }

    /// <summary>Describes one buffer's step by its coefficients, already resolved for this step; only the pointers are checked.</summary>
    /// <param name="coefficients">The step's update, every option and per-step scalar resolved.</param>
    /// <param name="parameters">The parameters p, updated in place.</param>
    /// <param name="gradients">The gradients, only read.</param>
    /// <param name="expAvg">The first moment m, updated in place.</param>
    /// <param name="expAvgSq">The second moment v, updated in place.</param>
    /// <param name="maxExpAvgSq">The running maximum when <see cref="StepCoefficients{T}.TracksMaximum"/>; null otherwise.</param>
    /// <param name="length">The number of elements of each of these buffers.</param>
    public BufferStep(StepCoefficients<T> coefficients, T* parameters, T* gradients, T* expAvg, T* expAvgSq, T* maxExpAvgSq, long length)
        : this(null, 0, coefficients, parameters, gradients, expAvg, expAvgSq, maxExpAvgSq, length)
    {
    }

    private BufferStep(AdaMomentumOptions? options, long step, StepCoefficients<T>? coefficients, T* parameters, T* gradients, T* expAvg,
                       T* expAvgSq, T* maxExpAvgSq, long length)
    {
        Options = options;
        Step = step;
        Coefficients = coefficients;
        Parameters = parameters;
        Gradients = gradients;
        ExpAvg = expAvg;
        ExpAvgSq = expAvgSq;
        MaxExpAvgSq = maxExpAvgSq;
        Length = length;
    }

    /// <summary>The hyperparameters of this buffer's AdaMomentum step; null when it is described by <see cref="Coefficients"/>.</summary>
    public AdaMomentumOptions? Options { get; }

    /// <summary>The resolved step of another optimizer of the family; null when <see cref="Options"/> describe it.</summary>
    public StepCoefficients<T>? Coefficients { get; }

    /// <summary>The step number this call performs on the buffer (from 1); 0 when <see cref="Coefficients"/> describe it.</summary>
    public long Step { get; }

    /// <summary>The parameters p.</summary>
    public T* Parameters { get; }

    /// <summary>The gradients.</summary>
    public T* Gradients { get; }

    /// <summary>The first moment m.</summary>
    public T* ExpAvg { get; }

    /// <summary>The second moment v.</summary>
    public T* ExpAvgSq { get; }

    /// <summary>The running maximum of v; null unless AmsGrad.</summary>
    public T* MaxExpAvgSq { get; }

    /// <summary>Elements in each buffer.</summary>
    public long Length { get; }
}
