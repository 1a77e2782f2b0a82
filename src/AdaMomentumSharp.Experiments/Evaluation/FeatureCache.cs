namespace AdaMomentumSharp.Experiments.Evaluation;

/// <summary>
/// Where trained feature classifiers are cached between runs: $ADAMOMENTUM_CACHE, else $XDG_CACHE_HOME/adamomentum, else
/// ~/.cache/adamomentum. Entries are named by a digest of their training data and settings, so one folder serves all.
/// </summary>
internal static class FeatureCache
{
    public static string Directory =>
        Environment.GetEnvironmentVariable("ADAMOMENTUM_CACHE") is { Length: > 0 } own ? own
        : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? Path.Combine(xdg, "adamomentum")
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "adamomentum");
}
