using System.CommandLine;
using System.Text.Json;
using AdaMomentumSharp.Cli.Experiments;
using AdaMomentumSharp.Cli.Reporting;
using AdaMomentumSharp.Cli.Tasks;

namespace AdaMomentumSharp.Cli.Commands;

/// <summary>`adamomentum report DIR`: rebuild report.md, summary.json and the plots from a results folder.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("folder") { Description = "A results folder written by `compare`." };
        var command = new Command("report", "Rebuild report.md, summary.json and the plots from an existing results folder.") { folder };
        command.SetAction(result =>
        {
            string directory = result.GetValue(folder)!;
            string metrics = Path.Combine(directory, ComparisonRunner.MetricsFileName);
            if (!File.Exists(metrics))
            {
                throw new FileNotFoundException($"{directory} has no {ComparisonRunner.MetricsFileName}; is it a folder written by `adamomentum compare`?");
            }
            string task = CsvFile.Read<EpochMetrics>(metrics).Select(r => r.Task).FirstOrDefault()
                          ?? throw new InvalidDataException($"{metrics} holds no rows.");
            ReportBuilder.Write(directory, TaskRegistry.Get(task));
            Console.WriteLine($"Wrote {Path.Combine(directory, ReportBuilder.ReportFileName)}");
            return 0;
        });
        return command;
    }
}
