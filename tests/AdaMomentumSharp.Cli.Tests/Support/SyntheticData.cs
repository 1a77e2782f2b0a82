using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Small generated stand-ins for the real data sets, in their real file formats.</summary>
public static class SyntheticData
{
    /// <summary>
    /// Writes the four Fashion-MNIST IDX files: 28×28 images whose class k shows a bright bar at row 2k + 4 over noise,
    /// so a model can learn them in a few steps.
    /// </summary>
    public static void WriteFashionMnist(string directory, int trainCount = 600, int testCount = 100, int seed = 1)
    {
        var random = new Random(seed);
        foreach (var (prefix, count) in new[] { ("train", trainCount), ("t10k", testCount) })
        {
            var images = new byte[count * 28 * 28];
            var labels = new byte[count];
            for (int n = 0; n < count; n++)
            {
                labels[n] = (byte)random.Next(10);
                for (int i = 0; i < 28 * 28; i++)
                {
                    int row = i / 28;
                    images[n * 784 + i] = (byte)(row == 2 * labels[n] + 4 ? 200 + random.Next(55) : random.Next(60));
                }
            }
            IdxFile.Write(Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz"), [count, 28, 28], images);
            IdxFile.Write(Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz"), [count], labels);
        }
    }

    /// <summary>Writes a few fortune-style files of repetitive, learnable English, plus the .dat index files fortune keeps beside them.</summary>
    public static void WriteFortunes(string directory, int repeats = 60)
    {
        string[] sayings =
        [
            "A journey of a thousand miles begins with a single step.\n%\n",
            "The quick brown fox jumps over the lazy dog.\n%\n",
            "All that glitters is not gold.\n%\n",
        ];
        for (int f = 0; f < sayings.Length; f++)
        {
            File.WriteAllText(Path.Combine(directory, $"file{f}"), string.Concat(Enumerable.Repeat(sayings[f], repeats)));
            File.WriteAllBytes(Path.Combine(directory, $"file{f}.dat"), [0, 1, 2, 3, 255]);
        }
    }
}
