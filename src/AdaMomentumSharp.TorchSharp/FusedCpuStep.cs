using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// Runs the core kernel directly on the memory of contiguous CPU float32/float64 tensors (and the float32 copies of
/// low-precision parameters): every such parameter of the step in one parallel pass per dtype, with no temporaries,
/// instead of the dozen native calls and full passes over memory that tensor operations need. Serves every optimizer
/// of the family, each describing its step as the core's <see cref="StepCoefficients{T}"/>, through the core's public
/// many-buffer API (<see cref="AdaMomentumKernel.StepMany{T}"/>).
/// </summary>
internal static unsafe partial class FusedCpuStep
{
    /// <summary>The float32 and float64 buffers of one step, with each buffer's parameter index for error messages.</summary>
    public sealed record Plan(BufferStep<float>[] Singles, int[] SingleIndices, BufferStep<double>[] Doubles, int[] DoubleIndices)
    {
        /// <summary>A plan with nothing to step.</summary>
        public static Plan Empty { get; } = new([], [], [], []);
    }

    /// <summary>
    /// One parameter the fused pass steps: its position (for messages), the tensors the update runs on, its moments'
    /// memory, the running maximum it writes when its step keeps one (the state's, or a fresh one not yet handed over),
    /// and its step resolved in double (rounded to float32 for float32 memory, as LibTorch rounds double Scalars).
    /// </summary>
    public sealed record Parameter(int Index, Tensor Working, Tensor WorkingGradient, MomentMemory Moments, Tensor? Maximum,
                                   StepCoefficients<double> Coefficients);

    /// <summary>The moments' memory when the kernel can run on this parameter's memory as it is; null when it cannot.</summary>
    public static MomentMemory? Reach(Tensor working, Tensor workingGradient, AdaptiveState state)
    {
        Tensor p = working, g = workingGradient;
        ScalarType dtype = p.dtype;
        bool dense = (dtype == ScalarType.Float32 || dtype == ScalarType.Float64)
                     && p.device_type == DeviceType.CPU && p.is_contiguous()
                     && p.numel() is > 0 and var count && count * p.ElementSize <= int.MaxValue
                     && g.device_type == DeviceType.CPU && g.dtype == dtype && g.is_contiguous();
        return dense ? MomentMemory.Of(state, p) : null;
    }

    /// <summary>
    /// Every parameter's memory as the kernel's buffers, checked as <see cref="AdaMomentumKernel.StepMany{T}"/> will
    /// check them (pointers, overlaps) but with nothing written, so that a refusal comes before any parameter changes.
    /// </summary>
    public static Plan Prepare(IReadOnlyList<Parameter> updates)
    {
        var (singles, singleIndices) = Buffers<float>(updates);
        var (doubles, doubleIndices) = Buffers<double>(updates);
        Validate<float>(singles, singleIndices);
        Validate<double>(doubles, doubleIndices);
        return new Plan(singles, singleIndices, doubles, doubleIndices);
    }

    /// <summary>The kernel's checks, with its list positions (<c>gradients[0]</c>) told as the optimizer's parameters.</summary>
    private static void Validate<T>(BufferStep<T>[] buffers, int[] indices)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        try
        {
            AdaMomentumKernel.Validate<T>(buffers);
        }
        catch (ArgumentException e) when (e is not ArgumentOutOfRangeException)
        {
            string message = KernelPosition().Replace(e.Message.Split(" (Parameter")[0], match =>
            {
                string role = match.Groups[1].Value switch
                {
                    "parameters" => "values",
                    "gradients" => "gradient",
                    var moment => moment,
                };
                return $"parameter {indices[int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)]}'s {role}";
            });
            throw new ArgumentException(message, e.ParamName == "gradients" ? "grad" : "params", e);
        }
    }

    [GeneratedRegex(@"\b(parameters|gradients|expAvg|expAvgSq|maxExpAvgSq)\[(\d+)\]")]
    private static partial Regex KernelPosition();

    /// <summary>The first non-finite gradient element of the plan, in parameter order.</summary>
    public static (int Index, long Element, double Value)? FindNonFinite(Plan plan, int threads)
    {
        (int, long, double)? first = AdaMomentumKernel.FindNonFiniteGradient<float>(plan.Singles, threads) is { } s
            ? (plan.SingleIndices[s.Buffer], s.Element, s.Value) : null;
        (int, long, double)? second = AdaMomentumKernel.FindNonFiniteGradient<double>(plan.Doubles, threads) is { } d
            ? (plan.DoubleIndices[d.Buffer], d.Element, d.Value) : null;
        return first is null ? second : second is null || first.Value.Item1 < second.Value.Item1 ? first : second;
    }

    /// <summary>Steps the plan: float32 and float64 buffers each in one parallel pass. Gradients were checked already.</summary>
    public static void Run(Plan plan, int threads)
    {
        AdaMomentumKernel.StepMany<float>(plan.Singles, NonFiniteGradients.Ignore, threads);
        AdaMomentumKernel.StepMany<double>(plan.Doubles, NonFiniteGradients.Ignore, threads);
    }

    private static (BufferStep<T>[] Buffers, int[] Indices) Buffers<T>(IReadOnlyList<Parameter> updates)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ScalarType dtype = typeof(T) == typeof(float) ? ScalarType.Float32 : ScalarType.Float64;
        List<Parameter> mine = updates.Where(u => u.Working.dtype == dtype).ToList();
        var buffers = new BufferStep<T>[mine.Count];
        for (int i = 0; i < mine.Count; i++)
        {
            Parameter u = mine[i];
            MomentMemory moments = u.Moments;
            T* max = !u.Coefficients.TracksMaximum ? null
                : ReferenceEquals(u.Maximum, moments.MaxTensor) ? (T*)moments.MaxExpAvgSq : Pointer<T>(u.Maximum!);
            buffers[i] = new BufferStep<T>(StepCoefficients<T>.RoundedFrom(u.Coefficients), Pointer<T>(u.Working), Pointer<T>(u.WorkingGradient),
                                           (T*)moments.ExpAvg, (T*)moments.ExpAvgSq, max, u.Working.numel());
        }
        return (buffers, mine.Select(u => u.Index).ToArray());
    }

    internal static T* Pointer<T>(Tensor t)
        where T : unmanaged => (T*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t.bytes));
}
