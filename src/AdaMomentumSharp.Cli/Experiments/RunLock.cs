using System.Diagnostics;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>
/// Marks one run of a results folder as being trained, so that two commands resuming the same folder at once never
/// train the same run: a lock file made with <see cref="ExclusiveFile"/>, naming the host and process that hold it,
/// deleted when the run is done or stops. A lock left by a process that died is taken over when that process is gone
/// on this host; one from another host, or from a live process, is refused.
/// </summary>
public sealed class RunLock : IDisposable
{
    private readonly string path;

    private RunLock(string path) => this.path = path;

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
            if (!File.Exists(path))
            {
                continue;
            }
            Holder holder = ResultsJson.Read<Holder>(path, () => "Delete it if no other command is training this folder's runs.");
            if (holder.Host != me.Host || IsAlive(holder.Pid))
            {
                throw new ClaimedFolderException(
                    $"{run} is being trained by process {holder.Pid} on {holder.Host} (its lock: {path}); run one command per results folder " +
                    "at a time: wait for that one to finish, then run this command again to resume the folder.");
            }
            File.Delete(path);
        }
        throw new ClaimedFolderException($"{run}: could not take its lock {path}; another command keeps taking it. Run one command per results folder at a time.");
    }

    public void Dispose() => File.Delete(path);

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
