using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// Every finished run of a results folder, whichever `compare` command made it: read from runs/, the folder's own
/// record. A published copy that holds no runs/ is read from its metrics.csv (and tuning.csv) instead.
/// </summary>
public sealed class ComparisonResults
{
    public const string MetricsFileName = "metrics.csv";

    private readonly IReadOnlyList<TuningResult>? recordedTuning;

    private ComparisonResults(IReadOnlyList<RunRecord> runs, IReadOnlyList<TuningResult>? recordedTuning, bool fromRunsFolder,
                              IReadOnlyList<string>? unreadable = null)
    {
        Unreadable = unreadable ?? [];
        Runs = [.. runs.OrderBy(r => CatalogOrder(r.Optimizer)).ThenBy(r => r.Optimizer, StringComparer.Ordinal).ThenBy(r => r.Lr).ThenBy(r => r.Seed)];
        this.recordedTuning = recordedTuning;
        FromRunsFolder = fromRunsFolder;
        Groups = [.. Runs.GroupBy(r => (r.Optimizer, r.Lr)).Select(g => new RunGroup(g.Key.Optimizer, g.Key.Lr, [.. g]))];
    }

    /// <summary>Every run, by optimizer (the catalogue's order), learning rate and seed.</summary>
    public IReadOnlyList<RunRecord> Runs { get; }

    /// <summary>Each run file left out because it cannot be read: which, why, and what to do about it.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    /// <summary>Whether the runs came from runs/ (so metrics.csv and tuning.csv are derived from them) or from metrics.csv.</summary>
    public bool FromRunsFolder { get; }

    /// <summary>The runs grouped by optimizer and learning rate, in the order of <see cref="Runs"/>.</summary>
    public IReadOnlyList<RunGroup> Groups { get; }

    public string Task => Runs[0].Epochs[0].Task;

    /// <exception cref="FileNotFoundException">The folder holds neither runs/*.json nor metrics.csv.</exception>
    /// <exception cref="InvalidDataException">Every run file is malformed, a CSV file is, or metrics.csv holds no rows.</exception>
    public static ComparisonResults Load(string directory)
    {
        IReadOnlyList<RunRecord> runs = RunStore.ReadAll(directory, out IReadOnlyList<string> unreadable);
        if (runs.Count > 0)
        {
            return new ComparisonResults(runs, null, fromRunsFolder: true, unreadable);
        }
        if (unreadable.Count > 0)
        {
            throw new InvalidDataException(string.Join(" ", unreadable));
        }
        string metricsPath = Path.Combine(directory, ComparisonResults.MetricsFileName);
        if (!File.Exists(metricsPath))
        {
            throw new FileNotFoundException(
                $"{directory} holds no finished runs (runs/*.json) and no {ComparisonResults.MetricsFileName}; is it a folder written by `adamomentum compare`?",
                metricsPath);
        }
        List<EpochMetrics> rows = CsvFile.Read<EpochMetrics>(metricsPath);
        if (rows.Count == 0)
        {
            throw new InvalidDataException($"{metricsPath} holds no rows.");
        }
        string tuningPath = Path.Combine(directory, TuningResult.FileName);
        return new ComparisonResults(SplitIntoRuns(rows), File.Exists(tuningPath) ? CsvFile.Read<TuningResult>(tuningPath) : null, fromRunsFolder: false);
    }

    /// <summary>
    /// The learning rate each optimizer's row in the report shows: the one with the most seeds, ties going to the best
    /// validation metric averaged over those seeds. With one seed each that is the rate `compare` chose; with several,
    /// every seed's validation counts, not the first one's alone (on the 2-layer LSTM the first seed favoured a rate its
    /// other two seeds did far worse at). Every other rate is in <see cref="Tuning"/>.
    /// </summary>
    public IReadOnlyList<RunGroup> Reported(EvaluationMetric metric) =>
        [.. Groups.GroupBy(g => g.Optimizer).Select(rates =>
        {
            int most = rates.Max(g => g.Seeds);
            return metric.Best(rates.Where(g => g.Seeds == most), g => g.MeanBestValidation(metric));
        })];

    /// <summary>One row per learning rate of every optimizer run at more than one; chosen = the rate the report's table shows.</summary>
    public IReadOnlyList<TuningResult> Tuning(EvaluationMetric metric)
    {
        if (recordedTuning is not null)
        {
            return recordedTuning;
        }
        var reported = Reported(metric).ToHashSet();
        return [.. Groups.GroupBy(g => g.Optimizer).Where(rates => rates.Count() > 1).SelectMany(rates => rates).Select(g =>
            new TuningResult(g.Optimizer, g.Lr, g.ChoosingScore(metric), g.FirstSeed.Epochs[^1].TestMetric, reported.Contains(g)))];
    }

    /// <summary>Rewrites metrics.csv with every run's epochs (nothing, for results read from metrics.csv itself).</summary>
    public void WriteMetrics(string directory)
    {
        if (FromRunsFolder)
        {
            CsvFile.Write(Path.Combine(directory, ComparisonResults.MetricsFileName), Runs.SelectMany(r => r.Epochs));
        }
    }

    /// <summary>Rewrites tuning.csv from the runs (nothing, for results read from metrics.csv, or with no optimizer at several rates).</summary>
    public void WriteTuning(string directory, EvaluationMetric metric)
    {
        if (FromRunsFolder && Tuning(metric) is { Count: > 0 } tuning)
        {
            CsvFile.Write(Path.Combine(directory, TuningResult.FileName), tuning);
        }
    }

    private static int CatalogOrder(string optimizer)
    {
        int index = OptimizerCatalog.Names.ToList().IndexOf(optimizer);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>
    /// metrics.csv holds each run's epochs together and in order: a run ends where the optimizer or seed changes or the
    /// epoch number stops rising. Its learning rate is its first epoch's (every schedule starts at the base rate).
    /// </summary>
    private static List<RunRecord> SplitIntoRuns(List<EpochMetrics> rows)
    {
        var runs = new List<RunRecord>();
        var current = new List<EpochMetrics>();
        foreach (EpochMetrics row in rows)
        {
            if (current.Count > 0 && (row.Optimizer != current[0].Optimizer || row.Seed != current[0].Seed || row.Epoch <= current[^1].Epoch))
            {
                runs.Add(new RunRecord(current[0].Optimizer, current[0].Lr, current[0].Seed, current));
                current = [];
            }
            current.Add(row);
        }
        runs.Add(new RunRecord(current[0].Optimizer, current[0].Lr, current[0].Seed, current));
        return runs;
    }
}
