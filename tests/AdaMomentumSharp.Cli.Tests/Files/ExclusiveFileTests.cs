using System.Diagnostics;
using System.Text.RegularExpressions;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>Creating a file only where nothing is: of writers racing for one path, exactly one wins, whole.</summary>
public sealed class ExclusiveFileTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void TryCreate_ManyThreadsRacingForOnePath_ExactlyOneWins_AndTheFileHoldsItsBytes()
    {
        const int Rounds = 200, Writers = 8;
        for (int round = 0; round < Rounds; round++)
        {
            string path = temp.File($"claim-{round}");
            using var start = new Barrier(Writers);
            var won = new bool[Writers];
            var writers = Enumerable.Range(0, Writers).Select(w => new Thread(() =>
            {
                start.SignalAndWait();
                won[w] = ExclusiveFile.TryCreate(path, [(byte)w, (byte)w, (byte)w]);
            })).ToList();
            writers.ForEach(t => t.Start());
            writers.ForEach(t => t.Join());

            int winner = Assert.Single(Enumerable.Range(0, Writers), w => won[w]);
            Assert.Equal([(byte)winner, (byte)winner, (byte)winner], File.ReadAllBytes(path));
        }
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void TryCreate_WhereAFileIs_ReturnsFalse_AndLeavesItAsItWas()
    {
        string path = temp.File("taken");
        File.WriteAllBytes(path, [1, 2, 3]);

        Assert.False(ExclusiveFile.TryCreate(path, [9]));

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp"));
    }

    /// <summary>Its temporary files are named as AtomicFile's: one a killed claimant left is removed by the next claim.</summary>
    [Fact]
    public void TryCreate_RemovesTheTemporaryFileOfAClaimantThatDied_AndNoOtherFile()
    {
        string host = Regex.Replace(Environment.MachineName, "[^A-Za-z0-9._-]", "_");
        using Process ended = Process.Start("true")!;
        ended.WaitForExit();
        string leftover = temp.File($".claim.{host}.{ended.Id}.0123abcd.tmp"), other = temp.File($".other.{host}.{ended.Id}.0123abcd.tmp");
        File.WriteAllText(leftover, "left behind");
        File.WriteAllText(other, "not this target's");

        Assert.True(ExclusiveFile.TryCreate(temp.File("claim"), [7]));

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(other));
        Assert.Equal([7], File.ReadAllBytes(temp.File("claim")));
        Assert.Equal([other], Directory.GetFiles(temp.Path, "*.tmp"));
    }

    [Fact]
    public void TryCreate_WhereALinkToNothingIs_ReturnsFalse_AndCreatesNothingThroughIt()
    {
        string path = temp.File("dangling"), target = temp.File("nowhere");
        File.CreateSymbolicLink(path, target);

        Assert.False(ExclusiveFile.TryCreate(path, [9]));

        Assert.False(File.Exists(target));
    }
}
