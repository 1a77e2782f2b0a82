using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace AdaMomentumSharp.Tests;

/// <summary>An optimizer used from two threads at once refuses the second caller instead of tearing its state.</summary>
public class AdaMomentumOptimizerConcurrencyTests
{
    private static readonly int[] Lengths = [5, 3];

    [Fact]
    public async Task StepAndLoad_WhileSaveIsWriting_AreRefusedNamingSaveAndChangeNothing()
    {
        var (optimizer, parameters) = Stepped(2);
        double[][] before = Copy(parameters);
        byte[] snapshot = Snapshot(optimizer), other = Snapshot(Stepped(5).Optimizer);
        var stream = new PausingStream();
        Task save = Task.Run(() => optimizer.Save(stream));
        stream.WaitUntilPaused();

        var step = Record.Exception(() => optimizer.Step(parameters, Gradients()));
        var load = Record.Exception(() => optimizer.Load(new MemoryStream(other)));
        stream.Release();
        await save;

        Assert.Equal(Refusal("Save"), Assert.IsType<InvalidOperationException>(step).Message);
        Assert.Equal(Refusal("Save"), Assert.IsType<InvalidOperationException>(load).Message);
        Assert.Equal(before, parameters);
        Assert.Equal(snapshot, stream.ToArray());
        Assert.Equal(snapshot, Snapshot(optimizer));
    }

    [Fact]
    public async Task StepAndSave_WhileLoadIsReading_AreRefusedNamingLoad()
    {
        var (optimizer, parameters) = Stepped(2);
        double[][] before = Copy(parameters);
        byte[] loaded = Snapshot(Stepped(5).Optimizer);
        var stream = new PausingStream(loaded);
        Task load = Task.Run(() => optimizer.Load(stream));
        stream.WaitUntilPaused();

        var step = Record.Exception(() => optimizer.Step(parameters, Gradients()));
        var save = Record.Exception(() => optimizer.Save(new MemoryStream()));
        stream.Release();
        await load;

        Assert.Equal(Refusal("Load"), Assert.IsType<InvalidOperationException>(step).Message);
        Assert.Equal(Refusal("Load"), Assert.IsType<InvalidOperationException>(save).Message);
        Assert.Equal(before, parameters);
        Assert.Equal(loaded, Snapshot(optimizer));
    }

    [Fact]
    public void Step_FromTwoThreadsAtOnce_AppliesOnlyStepsThatMatchASequentialRun()
    {
        const int Length = 1 << 20, Rounds = 30;
        float[] initial = Enumerable.Range(0, Length).Select(i => (i % 13) * 0.1f - 0.6f).ToArray();
        float[] gradient = Enumerable.Range(0, Length).Select(i => (i % 7) * 0.01f - 0.03f).ToArray();
        float[] parameters = (float[])initial.Clone();
        var optimizer = new AdaMomentumOptimizer<float>([Length]) { MaxDegreeOfParallelism = 1 };
        using var barrier = new Barrier(2);
        var refusals = new ConcurrentQueue<string>();
        int applied = 0;
        void Steps()
        {
            for (int i = 0; i < Rounds; i++)
            {
                barrier.SignalAndWait();
                try
                {
                    optimizer.Step([parameters], [gradient]);
                    Interlocked.Increment(ref applied);
                }
                catch (InvalidOperationException e)
                {
                    refusals.Enqueue(e.Message);
                }
            }
        }

        Thread[] threads = [new(Steps), new(Steps)];
        Array.ForEach(threads, t => t.Start());
        Array.ForEach(threads, t => t.Join());
        var sequential = new AdaMomentumOptimizer<float>([Length]);
        float[] expected = (float[])initial.Clone();
        for (int i = 0; i < applied; i++)
        {
            sequential.Step([expected], [gradient]);
        }

        Assert.Equal(2 * Rounds, applied + refusals.Count);
        Assert.All(refusals, message => Assert.Equal(Refusal("Step"), message));
        Assert.Equal(applied, optimizer.StepCount);
        Assert.True(expected.AsSpan().SequenceEqual(parameters), "the parameters differ from those of the applied steps run one after another");
    }

    [Fact]
    public void Save_WhileItsMomentsChangeUnderneath_WritesBytesThatPassTheirOwnChecksum()
    {
        var (optimizer, _) = Stepped(2);
        // What a thread writing the moments behind the optimizer's back would do, at the worst moment: between the
        // checksum's reading of a slice and the stream's.
        var stream = new WriteHookStream(() =>
        {
            foreach (ref double m in MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(optimizer.ExpAvg(0)), Lengths[0]))
            {
                m += 1;
            }
        });

        optimizer.Save(stream);

        var copy = new AdaMomentumOptimizer<double>(Lengths);
        copy.Load(new MemoryStream(stream.ToArray()));
        Assert.Equal(stream.ToArray(), Snapshot(copy));
    }

    private static string Refusal(string operation) =>
        $"{operation} is already running on another thread; use an AdaMomentumOptimizer from one thread at a time.";

    private static (AdaMomentumOptimizer<double> Optimizer, double[][] Parameters) Stepped(int steps)
    {
        var optimizer = new AdaMomentumOptimizer<double>(Lengths);
        double[][] parameters = [[1, 2, 3, 4, 5], [6, 7, 8]];
        for (int t = 0; t < steps; t++)
        {
            optimizer.Step(parameters, Gradients());
        }
        return (optimizer, parameters);
    }

    private static double[][] Gradients() => [[0.1, -0.2, 0.3, -0.4, 0.5], [0.6, -0.7, 0.8]];

    private static double[][] Copy(double[][] arrays) => arrays.Select(a => (double[])a.Clone()).ToArray();

    private static byte[] Snapshot(AdaMomentumOptimizer<double> optimizer)
    {
        var stream = new MemoryStream();
        optimizer.Save(stream);
        return stream.ToArray();
    }
}
