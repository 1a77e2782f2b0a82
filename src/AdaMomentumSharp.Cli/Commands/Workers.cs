namespace AdaMomentumSharp.Cli.Commands;

/// <summary>How many local worker processes a command may start, and the threads each gets.</summary>
public static class Workers
{
    /// <summary>
    /// The threads of each of <paramref name="jobs"/> workers: the cores shared out evenly, or the --threads given, as long
    /// as the workers' threads together fit the machine's logical cores (more would only take turns on them).
    /// </summary>
    /// <exception cref="ArgumentException">--jobs outside 1..cores, or --jobs × --threads beyond the cores.</exception>
    public static int ThreadsEach(int jobs, int threads, bool threadsDefaulted)
    {
        int cores = Environment.ProcessorCount;
        OptionCheck.Between(jobs, 1, cores, "--jobs", $"this machine's {cores} logical cores, one per worker at least");
        int each = threadsDefaulted ? cores / jobs : CountLimits.Threads(threads);
        if (jobs * each > cores)
        {
            throw new ArgumentException(
                $"--jobs {jobs} × --threads {each} is {jobs * each} threads, more than this machine's {cores} logical cores; give --threads {cores / jobs} " +
                    $"or fewer, or leave it out to share the cores evenly.");
        }
        return each;
    }
}
