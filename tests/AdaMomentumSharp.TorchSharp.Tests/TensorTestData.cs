using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace AdaMomentumSharp.TorchSharp.Tests;

/// <summary>
/// Builds parameters and gradients from seeds, and reads tensors back as doubles. Each helper runs in a dispose scope:
/// TorchSharp hands native code raw handles, so a temporary in a chain like <c>a.detach().contiguous()</c> can be
/// finalized, and its tensor freed, while native code still uses it, when another test's allocations start a collection.
/// </summary>
internal static class TensorTestData
{
    public static Parameter Parameter(Random random, long[] shape, ScalarType dtype, bool contiguous = true)
    {
        using var scope = torch.NewDisposeScope();
        long[] storageShape = contiguous ? shape : shape.Reverse().ToArray();
        Tensor data = Random(random, storageShape, 2, dtype);
        var parameter = new Parameter(contiguous ? data : data.t());
        parameter.DetachFromDisposeScope();
        return parameter;
    }

    public static Tensor Random(Random random, long[] shape, double scale, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        long count = shape.Aggregate(1L, (a, b) => a * b);
        double[] values = Enumerable.Range(0, (int)count).Select(i => i % 7 == 3 ? 0 : scale * (random.NextDouble() * 2 - 1)).ToArray();
        return torch.tensor(values, dtype: ScalarType.Float64).reshape(shape).to(dtype).MoveToOuterDisposeScope();
    }

    public static double[] Values(Tensor tensor)
    {
        using var scope = torch.NewDisposeScope();
        double[] values = tensor.detach().contiguous().to(ScalarType.Float64).data<double>().ToArray();
        GC.KeepAlive(tensor);
        return values;
    }

    public static AdaMomentum.State StateOf(AdaMomentum optimizer, int index) =>
        (AdaMomentum.State)optimizer.state_dict().State[index];

    public static byte[] Checkpoint(AdaMomentum optimizer)
    {
        var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            optimizer.save_state_dict(writer);
        }
        return stream.ToArray();
    }

    /// <summary>An optimizer whose one group has every option of <paramref name="o"/>.</summary>
    public static AdaMomentum Create(IEnumerable<Parameter> parameters, AdaMomentumOptions o) =>
        new([new AdaMomentum.ParamGroup(parameters, AdaMomentum.Options.From(o))]);
}
