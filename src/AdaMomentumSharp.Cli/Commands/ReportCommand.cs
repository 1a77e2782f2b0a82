using System.CommandLine;
using AdaMomentumSharp.Experiments.Reporting;
using AdaMomentumSharp.Experiments.Sweeps;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>
/// `adamomentum report DIR`: rebuild metrics.csv, tuning.csv, report.md, summary.json and the plots from every finished
/// run in a results folder (its runs/; a published copy without runs/ from its metrics.csv).
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "A results folder written by `compare`." };
        var command = new Command("report", "Rebuild metrics.csv, report.md, summary.json and the plots from every finished run in a results folder (its runs/).") { folder };
        command.SetAction(result =>
        {
            string directory = OptionCheck.ExistingFolder(result.GetValue(folder)!, "report", "a results folder written by `adamomentum compare`");
            // A planned folder names the runs it still lacks (a sweep that is still training, or runs that failed).
            IReadOnlyList<string>? unfinished = File.Exists(SweepPlan.PathIn(directory))
                ? [.. SweepStatus.Of(directory, SweepPlan.Read(directory)).Where(r => r.State != SweepStatus.State.Finished).Select(r => r.Run.Id)]
                : null;
            ComparisonResults results;
            try
            {
                results = ReportBuilder.Write(directory, unfinished);
            }
            catch (FileNotFoundException) when (unfinished is not null)
            {
                // A plan none of whose runs has finished (a report job after an array that failed whole) is no stranger's folder.
                throw new InvalidDataException($"{directory}: none of the {unfinished.Count} runs of its plan ({SweepPlan.FileName}) has finished " +
                    $"yet, so there is nothing to report; `adamomentum sweep status {directory}` says where each " +
                    $"run stands.");
            }
            foreach (string unreadable in results.Unreadable)
            {
                Console.Error.WriteLine($"warning: left out of the report: {unreadable}");
            }
            Console.WriteLine($"Wrote {Path.Combine(directory, ReportBuilder.ReportFileName)}");
            return 0;
        });
        return command;
    }
}
