using System.Diagnostics;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// Marks one run of a results folder as being trained, so that two commands or workers never train the same run: a
/// lock file made with <see cref="ExclusiveFile"/>, naming the host and process that hold it, deleted when the run is
/// done or stops. The holder touches it every <see cref="Heartbeat"/>. A lock is taken over when its process is gone on
/// this host, or, from another host (a cluster node that died, on shared storage), when it has not been touched for
/// <see cref="StaleAfter"/>; otherwise it is refused.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>How often the holder touches its lock.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromMinutes(1);

    /// <summary>How long another host's lock may go untouched before its holder counts as gone: ten missed heartbeats.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    private readonly string path;
    private readonly Timer heartbeat;

    private RunLock(string path)
    {
        this.path = path;
        heartbeat = new Timer(_ => Touch(), null, Heartbeat, Heartbeat);
    }

    /// <summary>Who holds a lock: the machine and the process id.</summary>
    public sealed record Holder(string Host, int Pid);

    /// <exception cref="ClaimedFolderException">Another live process holds the lock; the message names it and what to do.</exception>
    public static RunLock Take(string path, string run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var me = new Holder(Environment.MachineName, Environment.ProcessId);
        // A few tries: a dead holder's lock is deleted, and another process may take it before this one does.
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (ExclusiveFile.TryCreate(path, ResultsJson.Bytes(me)))
            {
                return new RunLock(path);
            }
            if (LiveHolder(path) is Holder holder)
            {
                throw new ClaimedFolderException(
                    $"{run} is being trained by process {holder.Pid} on {holder.Host} (its lock: {path}); run one command per results folder " +
                    "at a time: wait for that one to finish, then run this command again to resume the folder.");
            }
            File.Delete(path);
        }
        throw new ClaimedFolderException($"{run}: could not take its lock {path}; another command keeps taking it. Run one command per results folder at a time.");
    }

    /// <summary>The holder of the lock at <paramref name="path"/> if it is still training; null when there is no lock or its holder is gone.</summary>
    public static Holder? LiveHolder(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        Holder holder;
        try
        {
            holder = ResultsJson.Read<Holder>(path, () => "Delete it if no other command is training this folder's runs.");
        }
        catch (FileNotFoundException)
        {
            return null; // released while being read
        }
        bool live = holder.Host == Environment.MachineName
            ? IsAlive(holder.Pid)
            : DateTime.UtcNow - File.GetLastWriteTimeUtc(path) < StaleAfter;
        return live ? holder : null;
    }

    public void Dispose()
    {
        heartbeat.Dispose();
        File.Delete(path);
    }

    private void Touch()
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A missed heartbeat only brings another host's takeover closer; the run goes on.
        }
    }

    /// <summary>Whether a process with this id runs on this machine; this process's own id in a lock is a former process's.</summary>
    private static bool IsAlive(int pid)
    {
        if (pid == Environment.ProcessId)
        {
            return false;
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
