namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>
/// How a task family scores a model on a split: its name, which direction is better, how batches add up to the
/// value, and how the report shows it. Everything that compares or chooses runs goes through here, so a metric
/// where lower is better (perplexity, FID) needs no special case anywhere else.
/// </summary>
public abstract class EvaluationMetric
{
    public abstract string Name { get; }

    public abstract bool HigherIsBetter { get; }

    /// <summary>The unit the report's column header carries, e.g. " (%)".</summary>
    public virtual string Unit => "";

    /// <summary>A validation value worth reaching; the report gives the first epoch that reaches it (null: no such column).</summary>
    public virtual MetricTarget? Target => null;

    /// <summary>Another view of the test metric the report adds as a column (bits per character from perplexity); null for none.</summary>
    public virtual DerivedColumn? Derived => null;

    /// <summary>What a diverged (NaN) value counts as when runs or epochs are compared.</summary>
    public double Worst => HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;

    /// <summary>Starts a pass over a split.</summary>
    public abstract MetricAccumulator Start();

    /// <summary>The value as the report's table prints it.</summary>
    public abstract string Format(double value);

    /// <summary>The value in the unit of <see cref="Unit"/>, so that plot axes and the table's column agree.</summary>
    public virtual double Displayed(double value) => value;

    /// <summary>
    /// Whether a run with these per-epoch training losses failed to train, so that it ranks below every run that did
    /// whatever its metric says: a non-finite loss, or a last epoch's loss above the first's. (A blown-up language
    /// model's perplexity can stay finite at 1e115 and would otherwise count as a score.)
    /// </summary>
    public virtual bool Diverged(IReadOnlyList<double> trainingLosses) =>
        trainingLosses.Any(loss => !double.IsFinite(loss)) || (trainingLosses.Count > 0 && trainingLosses[^1] > trainingLosses[0]);

    /// <summary>What <see cref="Diverged"/> tests, as the report says it after "a run whose".</summary>
    public virtual string DivergedMeans => "training loss became non-finite or ended above its first epoch's";

    /// <summary><paramref name="value"/>, or <see cref="Worst"/> when it is NaN.</summary>
    public double WorstIfNaN(double value) => double.IsNaN(value) ? Worst : value;

    /// <summary>The first of <paramref name="items"/> whose value is best, a NaN value counting as the worst.</summary>
    public T Best<T>(IEnumerable<T> items, Func<T, double> value) => HigherIsBetter
        ? items.MaxBy(item => WorstIfNaN(value(item)))!
        : items.MinBy(item => WorstIfNaN(value(item)))!;

    /// <summary>Whether <paramref name="value"/> is at least as good as <paramref name="target"/>.</summary>
    public bool Reaches(double value, double target) => HigherIsBetter ? value >= target : value <= target;
}

/// <summary>A validation value whose first epoch measures training speed, and how the report's header names it ("≥ 90 %").</summary>
public sealed record MetricTarget(double Value, string Label);

/// <summary>A report column computed from the test metric: its header and the mapping.</summary>
public sealed record DerivedColumn(string Header, Func<double, double> FromMetric);
