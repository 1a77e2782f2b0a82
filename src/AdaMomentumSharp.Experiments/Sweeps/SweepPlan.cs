using System.Text.Json.Serialization;
using AdaMomentumSharp.Experiments.Optimizers;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Experiments.Sweeps;

/// <summary>
/// A comparison as a list of independent runs, written to its results folder as sweep.json so that any executor (this
/// process, local worker processes, a Slurm array) trains the same runs. With a rate grid the plan has two stages:
/// each optimizer's grid on the first seed, then the other seeds at the rate that grid chooses, which a run resolves
/// when it starts (<see cref="SweepRun"/>).
/// </summary>
/// <remarks>Runs are ordered as `compare` has always trained them: every optimizer's tuning runs first, then each optimizer's seeds.</remarks>
public sealed record SweepPlan(
    ExperimentSettings Settings, IReadOnlyList<PlannedOptimizer> Optimizers, IReadOnlyList<double> LrGridFactors, IReadOnlyList<int> Seeds,
    bool Diagnostics, IReadOnlyList<PlannedRun> Runs)
{
    /// <summary>The most seeds a plan holds (compare --seeds checks it before a plan is made).</summary>
    public const int MaxSeeds = 100;

    public const string FileName = "sweep.json";

    public static SweepPlan For(ComparisonOptions options)
    {
        var optimizers = options.Optimizers.Select(o => new PlannedOptimizer(o.Name, options.BaseLr(o))).ToList();
        var runs = new List<PlannedRun>();
        void Add(string optimizer, double? lr, int seed, bool tunes) => runs.Add(new PlannedRun(
            runs.Count, lr is double rate ? RunStore.RunKey(optimizer, rate, seed) : $"{optimizer}-tuned-seed{seed}", optimizer, lr, seed, tunes));

        if (options.LrGridFactors.Count == 0)
        {
            foreach (var optimizer in optimizers)
            {
                options.Seeds.ToList().ForEach(seed => Add(optimizer.Name, optimizer.BaseLr, seed, tunes: false));
            }
        }
        else
        {
            foreach (var optimizer in optimizers)
            {
                // Distinct: a grid of 1 and 1.0 is one rate, and a run is trained once.
                foreach (double lr in options.LrGridFactors.Select(f => optimizer.BaseLr * f).Distinct())
                {
                    Add(optimizer.Name, lr, options.Seeds[0], tunes: true);
                }
            }
            foreach (var optimizer in optimizers)
            {
                options.Seeds.Skip(1).ToList().ForEach(seed => Add(optimizer.Name, null, seed, tunes: false));
            }
        }
        return new SweepPlan(options.Settings, optimizers, options.LrGridFactors, options.Seeds, options.Diagnostics, runs);
    }

    /// <summary>The comparison this plan came from, training into <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The plan names a task or optimizer this version does not have.</exception>
    public ComparisonOptions Options(string directory)
    {
        ExperimentTask task = TaskRegistry.All.FirstOrDefault(t => t.Name == Settings.Task)
            ?? throw new InvalidDataException($"{PathIn(directory)} plans task '{Settings.Task}', which this version of adamomentum does not have.");
        var specs = Optimizers.Select(o => OptimizerCatalog.All.FirstOrDefault(s => s.Name == o.Name)
            ?? throw new InvalidDataException($"{PathIn(directory)} plans optimizer '{o.Name}', which this version of adamomentum does not have.")).ToList();
        return new ComparisonOptions(task, specs, Settings.Epochs, Seeds, Settings.BatchSize, Optimizers.ToDictionary(o => o.Name, o => o.BaseLr),
            LrGridFactors, Settings.TrainLimit, Settings.DataDirectory, directory, Settings.Layers, Settings.Schedule, Settings.Hidden,
            Settings.Device, Settings.Protocol, NamedValues.Parse(Settings.EpsOverrides), NamedValues.Parse(Settings.WeightDecayOverrides), Diagnostics);
    }

    /// <summary>The optimizer's tuning runs: the grid on the first seed.</summary>
    public IReadOnlyList<PlannedRun> TuningRuns(string optimizer) => [.. Runs.Where(r => r.Tunes && r.Optimizer == optimizer)];

    /// <summary>
    /// A short hash of the plan as written, which the Slurm scripts carry: a plan made again with other runs would give
    /// an array task index another run, and `sweep run` refuses that rather than train the wrong one.
    /// </summary>
    [JsonIgnore]
    public string Fingerprint => FileChecksum.Of(ResultsJson.Bytes(this));

    public static string PathIn(string directory) => Path.Combine(directory, FileName);

    /// <summary>
    /// Makes this the folder's plan: written when the folder has none (by exclusive create, so that of commands planning
    /// one folder at once one writes it), kept when it is this one, replaced when it is another (a grid extended, more
    /// seeds) unless a run of the folder is being trained now, whose worker may still read the plan it started from.
    /// Runs already finished are kept and reused by the new plan.
    /// </summary>
    /// <exception cref="ClaimedFolderException">Another plan's run is being trained in the folder.</exception>
    public void Claim(string directory)
    {
        string path = PathIn(directory);
        byte[] content = ResultsJson.Bytes(this);
        if (ExclusiveFile.TryCreate(path, content) || File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return;
        }
        string locks = Path.Combine(directory, RunStore.CheckpointsFolder);
        foreach (string lockFile in Directory.Exists(locks) ? Directory.GetFiles(locks, "*" + RunStore.LockExtension) : [])
        {
            if (RunLock.LiveHolder(lockFile) is RunLock.Holder holder)
            {
                throw new ClaimedFolderException(
                    $"{directory} is being trained under another plan: process {holder.Pid} on {holder.Host} holds {lockFile}. Wait for " +
                    "its runs to finish (`adamomentum sweep status` shows them), then plan again; finished runs are kept and reused.");
            }
        }
        ResultsJson.Write(path, this);
    }

    /// <exception cref="InvalidDataException">No plan, an unreadable one, or one whose runs its own settings do not make; the message says what to do.</exception>
    public static SweepPlan Read(string directory)
    {
        string path = PathIn(directory);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{directory} holds no sweep plan ({FileName}); make one with `adamomentum sweep plan ... --out {directory}`.");
        }
        string Recovery() => $"Make the plan again with `adamomentum sweep plan ... --out {directory}` (finished runs are kept and reused).";
        SweepPlan plan = ResultsJson.Read<SweepPlan>(path, Recovery);
        return plan.Problem(directory) is string problem ? throw ResultsJson.Unreadable(path, problem, Recovery) : plan;
    }

    /// <summary>
    /// What makes a plan read back other than one `sweep plan` writes (a hand edit, a merge), if anything: its runs are
    /// what every executor trains by index, so they must be the ones its optimizers, rates and seeds make.
    /// </summary>
    private string? Problem(string directory)
    {
        if (Optimizers.Count == 0)
        {
            return "field Optimizers is empty; it must name at least one optimizer";
        }
        if (Optimizers.GroupBy(o => o.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"field Optimizers names '{twice.Key}' twice; it must name each optimizer once";
        }
        static bool Positive(double x) => double.IsFinite(x) && x > 0;
        if (Optimizers.FirstOrDefault(o => !Positive(o.BaseLr)) is PlannedOptimizer zero)
        {
            return FormattableString.Invariant($"field Optimizers gives {zero.Name} the rate {zero.BaseLr}; it must be a positive number");
        }
        if (LrGridFactors.Any(f => !Positive(f)))
        {
            return FormattableString.Invariant($"field LrGridFactors holds {LrGridFactors.First(f => !Positive(f))}; each factor must be a positive number");
        }
        if (Seeds.Count is 0 or > MaxSeeds || !Seeds.SequenceEqual(Enumerable.Range(1, Seeds.Count)))
        {
            return $"field Seeds holds [{string.Join(", ", Seeds)}], where it must hold the seeds 1 to N, N from 1 to {MaxSeeds}";
        }
        var made = For(Options(directory)).Runs;
        if (Runs.Count != made.Count)
        {
            return $"field Runs lists {Runs.Count} runs, where its Optimizers, LrGridFactors and Seeds make {made.Count}";
        }
        int wrong = Enumerable.Range(0, Runs.Count).FirstOrDefault(i => Runs[i] != made[i], -1);
        return wrong < 0 ? null : $"field Runs[{wrong}] is {Describe(Runs[wrong])}, where its Optimizers, LrGridFactors and Seeds make {Describe(made[wrong])}";
    }

    private static string Describe(PlannedRun run) => $"run {run.Index} {run.Id} ({run.Label}{(run.Tunes ? ", tuning" : "")})";
}
