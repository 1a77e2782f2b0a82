namespace AdaMomentumSharp.Benchmarks;

/// <summary>Shapes of the parameter lists the optimizer benchmarks step.</summary>
public static class ParameterLists
{
    /// <summary>2^24 float32 elements split into 62 tensors, the size of a mid-sized vision model.</summary>
    public static long[][] Uniform16M()
    {
        const long total = 1 << 24, count = 62, each = total / count;
        return Enumerable.Range(0, (int)count).Select(i => new[] { i < count - 1 ? each : total - each * (count - 1) }).ToArray();
    }

    /// <summary>ResNet-18 for 32×32 images and 10 classes (11.2 M elements in 62 tensors: convolutions, batch norms, classifier).</summary>
    public static long[][] ResNet18()
    {
        var shapes = new List<long[]> { new long[] { 64, 3, 3, 3 } };
        AddBatchNorm(shapes, 64);
        long inChannels = 64;
        foreach (long channels in new long[] { 64, 128, 256, 512 })
        {
            for (int block = 0; block < 2; block++)
            {
                long blockIn = block == 0 ? inChannels : channels;
                shapes.Add([channels, blockIn, 3, 3]);
                AddBatchNorm(shapes, channels);
                shapes.Add([channels, channels, 3, 3]);
                AddBatchNorm(shapes, channels);
                if (block == 0 && blockIn != channels)
                {
                    shapes.Add([channels, blockIn, 1, 1]);
                    AddBatchNorm(shapes, channels);
                }
            }
            inChannels = channels;
        }
        shapes.Add([10, 512]);
        shapes.Add([10]);
        return shapes.ToArray();
    }

    private static void AddBatchNorm(List<long[]> shapes, long channels)
    {
        shapes.Add([channels]);
        shapes.Add([channels]);
    }
}
