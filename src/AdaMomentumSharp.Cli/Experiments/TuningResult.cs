using System.Globalization;
using System.Text;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// One learning rate tried for one optimizer: its best validation metric (which chooses), its final-epoch test
/// metric (which the sensitivity plot shows), and whether it was chosen.
/// </summary>
public sealed record TuningResult(string Optimizer, double Lr, double BestValMetric, double FinalTestMetric, bool Chosen)
{
    public const string FileName = "tuning.csv";
    private const string Header = "optimizer,lr,best_val_metric,final_test_metric,chosen";

    public static void WriteAll(string path, IEnumerable<TuningResult> results)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (TuningResult r in results)
        {
            text.Append(FormattableString.Invariant($"{r.Optimizer},{r.Lr:R},{r.BestValMetric:R},{r.FinalTestMetric:R},{(r.Chosen ? 1 : 0)}")).Append('\n');
        }
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static List<TuningResult> ReadAll(string path) => File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
    {
        string[] f = line.Split(',');
        return new TuningResult(f[0], Parse(f[1]), Parse(f[2]), Parse(f[3]), f[4] == "1");
    }).ToList();

    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
