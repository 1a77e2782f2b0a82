using AdaMomentumSharp.Experiments.Data;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Small CIFAR files in the official binary layout, with pixels and labels a test can predict.</summary>
internal static class SyntheticCifar
{
    /// <summary>
    /// The byte the generated files hold at channel <paramref name="c"/>, row <paramref name="y"/>, column
    /// <paramref name="x"/> of record <paramref name="n"/> (counted over all files in load order).
    /// </summary>
    public static byte Pixel(int n, int c, int y, int x) => (byte)((n + 3 * c + 5 * y + 7 * x) % 256);

    /// <summary>The class label of record <paramref name="n"/>: a stride that visits every class.</summary>
    public static int Label(int n, int classes) => n * 7 % classes;

    /// <summary>
    /// Writes every file of <paramref name="variant"/> into <paramref name="folder"/>, <paramref name="recordsPerFile"/>
    /// records each; returns the record count of the training files.
    /// </summary>
    public static int Write(string folder, CifarVariant variant, int recordsPerFile = 10)
    {
        Directory.CreateDirectory(folder);
        int n = 0;
        foreach (string name in variant.TrainFiles.Append(variant.TestFile))
        {
            using var file = File.Create(Path.Combine(folder, name));
            for (int r = 0; r < recordsPerFile; r++, n++)
            {
                if (variant.LabelBytes == 2)
                {
                    file.WriteByte((byte)(Label(n, variant.Classes) / 5));
                }
                file.WriteByte((byte)Label(n, variant.Classes));
                for (int c = 0; c < 3; c++)
                {
                    for (int y = 0; y < 32; y++)
                    {
                        for (int x = 0; x < 32; x++)
                        {
                            file.WriteByte(Pixel(n, c, y, x));
                        }
                    }
                }
            }
        }
        return variant.TrainFiles.Length * recordsPerFile;
    }
}
