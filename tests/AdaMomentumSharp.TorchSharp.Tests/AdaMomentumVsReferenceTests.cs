using AdaMomentumSharp.Tests;
using TorchSharp;
using TorchSharp.Modules;
using static AdaMomentumSharp.TorchSharp.Tests.TensorTestData;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// The optimizer on real tensors against the float64 reference, one step at a time, for every option
/// combination, both dtypes and both code paths (fused kernel on tensor memory, tensor operations).
/// </summary>
public class AdaMomentumVsReferenceTests
{
    public enum CodePath { Fused, TensorOperations, NonContiguous }

    [Theory]
    [InlineData(ScalarType.Float32, CodePath.Fused)]
    [InlineData(ScalarType.Float32, CodePath.TensorOperations)]
    [InlineData(ScalarType.Float32, CodePath.NonContiguous)]
    [InlineData(ScalarType.Float64, CodePath.Fused)]
    [InlineData(ScalarType.Float64, CodePath.TensorOperations)]
    [InlineData(ScalarType.Float64, CodePath.NonContiguous)]
    public void Step_MatchesFloat64Reference_ForEveryOptionCombination(ScalarType dtype, CodePath path)
    {
        double relative = dtype == ScalarType.Float32 ? 2e-6 : 1e-12;
        int seed = 0;
        foreach (AdaMomentumOptions options in OptionCombinations.All())
        {
            var random = new Random(seed++);
            Parameter[] parameters =
            [
                Parameter(random, [7, 5], dtype, contiguous: path != CodePath.NonContiguous),
                Parameter(random, [33], dtype),
            ];
            using var optimizer = Create(parameters, options);
            optimizer.FusedCpuStepEnabled = path != CodePath.TensorOperations;

            for (long t = 1; t <= 8; t++)
            {
                foreach (Parameter p in parameters)
                {
                    p.grad = Random(random, p.shape, 1, dtype);
                }
                ElementState[][] before = Snapshot(optimizer, parameters);

                optimizer.step();

                ElementState[][] after = Snapshot(optimizer, parameters);
                for (int k = 0; k < parameters.Length; k++)
                    for (int i = 0; i < before[k].Length; i++)
                    {
                        OneStepCheck.AssertMatchesReference(options, t, before[k][i], after[k][i], relative, $"{dtype} {path} parameter {k} element {i}");
                    }
            }
        }
    }

    [Theory]
    [InlineData(ScalarType.Float32, 1e-6)]
    [InlineData(ScalarType.Float64, 1e-14)]
    public void FusedPath_AgreesWithTensorOperationPath_OverLongTrajectories(ScalarType dtype, double relative)
    {
        foreach (AdaMomentumOptions options in OptionCombinations.All().Where((_, i) => i % 5 == 0))
        {
            var random = new Random(42);
            Parameter fusedParameter = Parameter(random, [40, 30], dtype);
            var tensorOpsParameter = new Parameter(fusedParameter.detach().clone());
            using var fused = Create([fusedParameter], options);
            using var tensorOps = Create([tensorOpsParameter], options);
            tensorOps.FusedCpuStepEnabled = false;

            for (int t = 1; t <= 60; t++)
            {
                Tensor g = Random(random, [40, 30], 1, dtype);
                fusedParameter.grad = g;
                tensorOpsParameter.grad = g.clone();
                fused.step();
                tensorOps.step();
            }

            double[] a = Values(fusedParameter), b = Values(tensorOpsParameter);
            for (int i = 0; i < a.Length; i++)
            {
                Assert.True(Math.Abs(a[i] - b[i]) <= relative * (Math.Abs(a[i]) + options.LearningRate * 60),
                    $"{options}: element {i}: fused {a[i]:R} vs tensor operations {b[i]:R}");
            }
        }
    }

    private static ElementState[][] Snapshot(AdaMomentum optimizer, Parameter[] parameters) =>
        parameters.Select((p, k) =>
        {
            AdaMomentum.State s = StateOf(optimizer, k);
            double[] pv = Values(p), g = Values(p.grad!), m = Values(s.exp_avg), v = Values(s.exp_avg_sq);
            double[] vmax = s.max_exp_avg_sq is null ? new double[pv.Length] : Values(s.max_exp_avg_sq);
            return pv.Select((_, i) => new ElementState(pv[i], g[i], m[i], v[i], vmax[i])).ToArray();
        }).ToArray();
}
