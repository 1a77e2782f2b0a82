using System.Globalization;
using System.Text;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>metrics.csv: one row per (task, optimizer, seed, epoch), written atomically.</summary>
public static class MetricsCsv
{
    public const string Header = "task,optimizer,seed,epoch,lr,train_loss,val_loss,val_metric,test_loss,test_metric,seconds";

    public static void Write(string path, IEnumerable<EpochMetrics> rows)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (EpochMetrics r in rows)
        {
            text.Append(string.Join(',', r.Task, r.Optimizer, I(r.Seed), I(r.Epoch), D(r.Lr), D(r.TrainLoss), D(r.ValLoss), D(r.ValMetric),
                                    D(r.TestLoss), D(r.TestMetric), D(r.Seconds))).Append('\n');
        }
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <exception cref="InvalidDataException">The file lacks the expected columns or holds a malformed row.</exception>
    public static List<EpochMetrics> Read(string path)
    {
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != Header)
        {
            throw new InvalidDataException($"{path}: the first line must be the header `{Header}`.");
        }
        var rows = new List<EpochMetrics>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }
            string[] f = lines[i].Split(',');
            try
            {
                rows.Add(new EpochMetrics(f[0], f[1], int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[3], CultureInfo.InvariantCulture),
                    P(f[4]), P(f[5]), P(f[6]), P(f[7]), P(f[8]), P(f[9]), P(f[10])));
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException)
            {
                throw new InvalidDataException($"{path}, line {i + 1}: malformed row `{lines[i]}`.", e);
            }
        }
        return rows;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string D(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static double P(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
