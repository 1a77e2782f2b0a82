using System.Globalization;
using System.Text;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>One learning rate tried for one optimizer on the validation split, and whether it was chosen.</summary>
public sealed record TuningResult(string Optimizer, double Lr, double BestValMetric, bool Chosen)
{
    public const string FileName = "tuning.csv";
    private const string Header = "optimizer,lr,best_val_metric,chosen";

    public static void WriteAll(string path, IEnumerable<TuningResult> results)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (TuningResult r in results)
        {
            text.Append(FormattableString.Invariant($"{r.Optimizer},{r.Lr:R},{r.BestValMetric:R},{(r.Chosen ? 1 : 0)}")).Append('\n');
        }
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static List<TuningResult> ReadAll(string path) => File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(line =>
    {
        string[] f = line.Split(',');
        return new TuningResult(f[0], double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture), f[3] == "1");
    }).ToList();
}
