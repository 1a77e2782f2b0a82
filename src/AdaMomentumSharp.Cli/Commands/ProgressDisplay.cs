using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// The display of a command that trains: live bars on a terminal, plain lines when output is redirected or with
/// --quiet, and every line also in the results folder's run.log, which only this process writes.
/// </summary>
public static class ProgressDisplay
{
    /// <param name="work">Given the command's own sink and a maker of one more sink per run trained at the same time.</param>
    public static void Run(string directory, bool quiet, Action<IProgressSink, Func<IProgressSink>> work)
    {
        using var file = new StreamWriter(Path.Combine(directory, "run.log"), append: true);
        TextWriter log = TextWriter.Synchronized(file);
        if (!quiet && !Console.IsOutputRedirected)
        {
            LiveProgress.Run(live => work(new TeeProgress(live, new PlainProgress(log)), () => new TeeProgress(live.Another(), new PlainProgress(log))));
        }
        else
        {
            TextWriter console = TextWriter.Synchronized(Console.Out);
            work(new TeeProgress(new PlainProgress(console), new PlainProgress(log)), () => new TeeProgress(new PlainProgress(console), new PlainProgress(log)));
        }
    }
}
