using BenchmarkDotNet.Attributes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.Benchmarks;

/// <summary>
/// One optimizer step over a whole float32 parameter list: our fused AdaMomentum, our tensor-operation path
/// (what the step would cost without the fused kernel), and TorchSharp's own Adam and AdamW, in one run.
/// Every one of them must read p, g, m, v and write p, m, v: 28 bytes per element at the least.
/// </summary>
[Config(typeof(BandwidthConfig))]
public class TorchOptimizerStepBenchmarks : IBytesMoved
{
    private Parameter[] parameters = [];
    private optim.Optimizer optimizer = null!;

    [Params("16M in 62 tensors", "ResNet-18")]
    public string ParameterList { get; set; } = "";

    [Params("AdaMomentum (fused)", "AdaMomentum (fused, no NaN check)", "AdaMomentum (tensor ops)", "TorchSharp Adam", "TorchSharp AdamW")]
    public string Optimizer { get; set; } = "";

    public double BytesMoved => 28.0 * Shapes().Sum(shape => shape.Aggregate(1L, (a, b) => a * b));

    [GlobalSetup]
    public void Setup()
    {
        torch.manual_seed(1);
        parameters = Shapes().Select(shape => new Parameter(torch.randn(shape))).ToArray();
        foreach (Parameter p in parameters)
        {
            p.grad = torch.randn(p.shape).mul_(1e-2);
        }
        optimizer = Optimizer switch
        {
            "AdaMomentum (fused)" => new AdaMomentum(parameters),
            "AdaMomentum (fused, no NaN check)" => new AdaMomentum(parameters, non_finite_gradients: NonFiniteGradients.Ignore),
            "AdaMomentum (tensor ops)" => new AdaMomentum(parameters) { FusedCpuStepEnabled = false },
            "TorchSharp Adam" => torch.optim.Adam(parameters),
            _ => torch.optim.AdamW(parameters),
        };
        optimizer.step();
    }

    [Benchmark(Description = "optimizer.step()")]
    public void Step() => optimizer.step();

    [GlobalCleanup]
    public void Cleanup()
    {
        optimizer.Dispose();
        foreach (Parameter p in parameters)
        {
            p.Dispose();
        }
    }

    private long[][] Shapes() => ParameterList == "ResNet-18" ? ParameterLists.ResNet18() : ParameterLists.Uniform16M();
}
