using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AdaMomentumSharp.Benchmarks;

/// <summary>
/// Effective memory bandwidth, GB/s = bytes one operation moves / mean time, so the kernel can be read against
/// the STREAM triad on the same machine rather than as bare milliseconds.
/// </summary>
public sealed class BandwidthColumn : IColumn
{
    public string Id => nameof(BandwidthColumn);

    public string ColumnName => "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Bytes one operation moves (28 per element for a float optimizer step, 12 for a float triad) / mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null)
        {
            return "NA";
        }
        var benchmark = (IBytesMoved)Activator.CreateInstance(benchmarkCase.Descriptor.Type)!;
        foreach (var parameter in benchmarkCase.Parameters.Items)
        {
            benchmarkCase.Descriptor.Type.GetProperty(parameter.Name)!.SetValue(benchmark, parameter.Value);
        }
        double seconds = report.ResultStatistics.Mean * 1e-9;
        return (benchmark.BytesMoved / seconds / 1e9).ToString("F1");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>How many bytes one benchmark operation reads and writes, given the benchmark's parameters.</summary>
public interface IBytesMoved
{
    double BytesMoved { get; }
}
