using System.Text.RegularExpressions;
using AdaMomentumSharp.Experiments.Runs;
using Spectre.Console;

namespace AdaMomentumSharp.Cli.Tests;

/// <summary>The live display fits consoles from 60 columns up: no line wider than the console, the bar and the times always shown.</summary>
public sealed partial class LiveProgressTests
{
    [Theory]
    [InlineData(60)]
    [InlineData(72)]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(120)]
    [InlineData(200)]
    public void Run_AtAnyWidthFrom60_KeepsEveryLineInsideTheConsole_WithBarPercentageAndTime(int width)
    {
        var written = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
            Out = new AnsiConsoleOutput(written),
        });
        console.Profile.Width = width;

        LiveProgress.Run(console, sink =>
        {
            foreach (string label in new[] { "adamomentum lr 0.001 seed 1", "adabound lr 0.001 seed 12" })
            {
                sink.RunStarted(label, epochs: 10, batchesPerEpoch: 3);
                for (int epoch = 1; epoch <= 10; epoch++)
                {
                    sink.BatchFinished(epoch, loss: 12.345678);
                    sink.EpochFinished(new EpochMetrics("fashion-mlp", "adam", 1, epoch, 1e-3, 1, 1, 0.8123, 1, 0.8, 1), "accuracy");
                }
                sink.RunFinished();
            }
        });

        string[] lines = Escape().Replace(written.ToString(), "").Split('\n', '\r').Where(l => l.Trim().Length > 0).ToArray();
        Assert.All(lines, l => Assert.True(l.TrimEnd().Length <= width, $"{l.TrimEnd().Length} > {width} columns: '{l}'"));
        string[] bars = lines.Where(l => l.Contains("━━━━━━━━━━") && l.Contains("100%") && TimeOfDay().IsMatch(l)).ToArray();
        Assert.Contains(bars, l => l.StartsWith("adamomentum lr 0.001 seed 1", StringComparison.Ordinal));
        Assert.Contains(bars, l => l.StartsWith("adabound lr 0.001 seed 12", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("epoch 10/10 · val accuracy 0.8123", StringComparison.Ordinal));
    }

    /// <summary>One-line descriptions (62 columns) where that leaves a bar of 20, else label over status (34) and a wider bar.</summary>
    [Theory]
    [InlineData(60, 10, 33)]
    [InlineData(80, 29, 34)]
    [InlineData(107, 40, 41)]
    [InlineData(120, 32, 62)]
    [InlineData(300, 40, 234)]
    public void For_AWidth_SplitsItBetweenDescriptionAndBar(int width, int bar, int description)
    {
        LiveLayout layout = LiveLayout.For(width);

        Assert.Equal(bar, layout.BarWidth);
        Assert.Equal(description, layout.DescriptionWidth(width));
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex Escape();

    [GeneratedRegex(@"\d\d:\d\d:\d\d")]
    private static partial Regex TimeOfDay();
}
