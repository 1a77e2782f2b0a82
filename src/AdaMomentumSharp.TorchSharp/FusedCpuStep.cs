using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace AdaMomentumSharp;

/// <summary>
/// Runs the core kernel directly on the memory of contiguous CPU float32/float64 tensors: every such parameter
/// of the step in one parallel pass, with no temporaries, instead of the dozen native calls and full passes
/// over memory that tensor operations need.
/// </summary>
internal static unsafe class FusedCpuStep
{
    /// <summary>True when the kernel can run on this parameter's memory as it is.</summary>
    public static bool CanRun(ParameterUpdate update)
    {
        Tensor p = update.Working, g = update.WorkingGradient;
        ScalarType dtype = p.dtype;
        return (dtype == ScalarType.Float32 || dtype == ScalarType.Float64)
               && p.device_type == DeviceType.CPU && p.is_contiguous()
               && p.numel() is > 0 and var count && count * p.ElementSize <= int.MaxValue
               && g.device_type == DeviceType.CPU && g.dtype == dtype && g.is_contiguous()
               && MomentMemory.Of(update.State, p) is not null;
    }

    /// <summary>The first non-finite gradient element among <paramref name="updates"/>, in parameter order.</summary>
    public static (int Index, long Element, double Value)? FindNonFinite(IReadOnlyList<ParameterUpdate> updates, int threads)
    {
        var first = Scan<float>(updates, threads);
        var second = Scan<double>(updates, threads);
        return first is null ? second : second is null || first.Value.Index < second.Value.Index ? first : second;
    }

    /// <summary>Steps every update, float32 and float64 each in one parallel pass. Steps were already counted.</summary>
    public static void Run(IReadOnlyList<ParameterUpdate> updates, int threads)
    {
        Run<float>(updates, threads);
        Run<double>(updates, threads);
    }

    private static void Run<T>(IReadOnlyList<ParameterUpdate> updates, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var work = new List<StepWork<T>>();
        foreach (ParameterUpdate u in updates.Where(Holds<T>))
        {
            MomentMemory moments = MomentMemory.Of(u.State, u.Working)!;
            var buffers = new StepBuffers<T>(
                Pointer<T>(u.Working), Pointer<T>(u.WorkingGradient), (T*)moments.ExpAvg, (T*)moments.ExpAvgSq,
                u.Options.AmsGrad ? (T*)moments.MaxExpAvgSq : null, u.Working.numel());
            work.Add(new StepWork<T>(buffers, StepCoefficients<T>.For(u.Options, u.State.step)));
        }
        if (work.Count > 0)
        {
            AdaMomentumKernel.StepMany<T>(CollectionsMarshal.AsSpan(work), NonFiniteGradients.Ignore, threads);
        }
    }

    private static (int Index, long Element, double Value)? Scan<T>(IReadOnlyList<ParameterUpdate> updates, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        List<ParameterUpdate> mine = updates.Where(Holds<T>).ToList();
        var work = mine.Select(u => new StepWork<T>(new StepBuffers<T>(null, Pointer<T>(u.WorkingGradient), null, null, null, u.WorkingGradient.numel()), default))
                       .ToArray();
        return NonFiniteScan.FindFirst<T>(work, threads) is var (buffer, element, value)
            ? (mine[buffer].Index, element, value)
            : null;
    }

    private static bool Holds<T>(ParameterUpdate u) =>
        u.Working.dtype == (typeof(T) == typeof(float) ? ScalarType.Float32 : ScalarType.Float64);

    internal static T* Pointer<T>(Tensor t)
        where T : unmanaged => (T*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(t.bytes));
}
