using Spectre.Console;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// How the live display spends a console's width, so that every run stays one row (or two, label over status) with
/// its bar, percentage and remaining time on any console from <see cref="MinimumWidth"/> columns up. Spectre.Console
/// would otherwise shrink the bar away and wrap the times once a description is long.
/// </summary>
/// <param name="ShowsElapsed">Whether there is room for the elapsed time beside the remaining time.</param>
/// <param name="BarWidth">Columns of the progress bar.</param>
public sealed record LiveLayout(bool ShowsElapsed, int BarWidth)
{
    public const int MinimumWidth = 60;

    private const int TimeWidth = 8;          // hh:mm:ss
    private const int PercentageWidth = 4;    // 100%
    private const int SpinnerWidth = 1;
    private const int GapWidth = 1;           // Spectre pads every column but the last by one
    private const int ElapsedFrom = 100;      // below this the elapsed time gives its room to the description
    private const int OneLineDescription = 62; // "adamomentum lr 0.001 seed 1 · epoch 10/10 · val accuracy 0.8123"
    private const int TwoLineDescription = 34; // "epoch 10/10 · val accuracy 0.8123" under its label
    private const int SmallestBar = 10;
    private const int SmallestOneLineBar = 20;
    private const int LargestBar = 40;

    /// <summary>
    /// The layout for a console <paramref name="width"/> columns wide (narrower ones are laid out as
    /// <see cref="MinimumWidth"/>): descriptions on one line where that leaves a bar of 20 or more, else on two lines
    /// with the bar taking what those leave.
    /// </summary>
    public static LiveLayout For(int width)
    {
        bool elapsed = width >= ElapsedFrom;
        int room = Math.Max(width, MinimumWidth) - FixedWidth(elapsed);
        int bar = room - OneLineDescription >= SmallestOneLineBar ? room - OneLineDescription : room - TwoLineDescription;
        return new LiveLayout(elapsed, Math.Clamp(bar, SmallestBar, LargestBar));
    }

    /// <summary>Columns left for a run's description on a console <paramref name="width"/> wide, after the bar and the numbers.</summary>
    public int DescriptionWidth(int width) => Math.Max(width, MinimumWidth) - FixedWidth(ShowsElapsed) - BarWidth;

    /// <summary>The display's columns: <paramref name="description"/>, bar, percentage, elapsed (when it fits), remaining time, spinner.</summary>
    public ProgressColumn[] Columns(RunDescriptionColumn description) =>
    [
        description,
        new ProgressBarColumn { Width = BarWidth },
        new PercentageColumn(),
        .. ShowsElapsed ? new ProgressColumn[] { new ElapsedTimeColumn() } : [],
        new RemainingTimeColumn(),
        new SpinnerColumn(),
    ];

    /// <summary>Everything but the description and the bar, with the gaps after the description and the bar.</summary>
    private static int FixedWidth(bool elapsed) =>
        PercentageWidth + (elapsed ? 2 : 1) * TimeWidth + SpinnerWidth + (elapsed ? 5 : 4) * GapWidth;
}
