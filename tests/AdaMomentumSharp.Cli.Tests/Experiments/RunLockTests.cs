using System.Diagnostics;
using AdaMomentumSharp.Experiments.Runs;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>A run's lock: held by one process at a time, taken over only from a process that is gone on this host.</summary>
public sealed class RunLockTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private string LockPath => temp.File("run.lock");

    private void HeldBy(string host, int pid) => ResultsJson.Write(LockPath, new RunLock.Holder(host, pid));

    [Fact]
    public void Take_Free_WritesThisProcess_AndDisposeReleasesIt()
    {
        using (RunLock.Take(LockPath, "run"))
        {
            Assert.Equal(new RunLock.Holder(Environment.MachineName, Environment.ProcessId), ResultsJson.Read<RunLock.Holder>(LockPath));
        }
        Assert.False(File.Exists(LockPath));
    }

    [Fact]
    public void Take_HeldByALiveProcess_IsRefusedNamingIt_AndKeepsItsLock()
    {
        using Process sleeper = Process.Start("sleep", "60");
        try
        {
            HeldBy(Environment.MachineName, sleeper.Id);

            var e = Assert.Throws<ClaimedFolderException>(() => RunLock.Take(LockPath, "Run x"));

            Assert.StartsWith($"Run x is being trained by process {sleeper.Id} on {Environment.MachineName} (its lock: {LockPath});", e.Message);
            Assert.Equal(sleeper.Id, ResultsJson.Read<RunLock.Holder>(LockPath).Pid);
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void Take_HeldByAProcessThatIsGone_TakesItOver()
    {
        using Process gone = Process.Start("true");
        gone.WaitForExit();
        HeldBy(Environment.MachineName, gone.Id);

        using (RunLock.Take(LockPath, "run"))
        {
            Assert.Equal(Environment.ProcessId, ResultsJson.Read<RunLock.Holder>(LockPath).Pid);
        }
    }

    [Fact]
    public void Take_HeldOnAnotherHost_IsRefused_WhateverItsPid()
    {
        using Process gone = Process.Start("true");
        gone.WaitForExit();
        HeldBy("another-host", gone.Id);

        Assert.Throws<ClaimedFolderException>(() => RunLock.Take(LockPath, "run"));
        Assert.Equal("another-host", ResultsJson.Read<RunLock.Holder>(LockPath).Host);
    }

    [Fact]
    public void Take_HeldOnAnotherHost_UntouchedPastStaleness_TakesItOver_AndTheHeartbeatKeepsAFreshOneRefused()
    {
        HeldBy("another-host", 12345);
        File.SetLastWriteTimeUtc(LockPath, DateTime.UtcNow - RunLock.StaleAfter + TimeSpan.FromMinutes(1));
        Assert.Throws<ClaimedFolderException>(() => RunLock.Take(LockPath, "run"));

        File.SetLastWriteTimeUtc(LockPath, DateTime.UtcNow - RunLock.StaleAfter - TimeSpan.FromMinutes(1));
        using (RunLock.Take(LockPath, "run"))
        {
            Assert.Equal(new RunLock.Holder(Environment.MachineName, Environment.ProcessId), ResultsJson.Read<RunLock.Holder>(LockPath));
        }
    }
}
