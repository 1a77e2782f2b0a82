namespace AdaMomentumSharp.Experiments.Tasks;

/// <summary>Every task the CLI can run, by name.</summary>
public static class TaskRegistry
{
    public static IReadOnlyList<ExperimentTask> All { get; } =
        [new FashionCnnTask(), new FashionCnnTask(augmented: true), new FashionMlpTask(), new CharLstmTask(), new CharTransformerTask(), new PtbLstmTask(), .. CifarTask.All,
         new FashionDcganTask(), new Cifar10DcganTask()];

    /// <exception cref="ArgumentException">No task has that name; the message lists those that do.</exception>
    public static ExperimentTask Get(string name) =>
        All.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown task '{name}'. Known: {string.Join(", ", All.Select(t => t.Name))}.");
}
