using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace AdaMomentumSharp.Benchmarks;

/// <summary>
/// Effective memory bandwidth, GB/s = Elements · BytesPerElement / mean time, so the kernel can be read against
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

    public string Legend => "Bytes moved per element (28 for a float step, 12 for a float triad) × elements / mean time";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is null)
        {
            return "NA";
        }
        var elements = Convert.ToDouble(benchmarkCase.Parameters["Elements"]);
        var bytesPerElement = ((IBytesPerElement)Activator.CreateInstance(benchmarkCase.Descriptor.Type)!).BytesPerElement;
        double seconds = report.ResultStatistics.Mean * 1e-9;
        return (elements * bytesPerElement / seconds / 1e9).ToString("F1");
    }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}

/// <summary>How many bytes a benchmark's operation reads and writes per element.</summary>
public interface IBytesPerElement
{
    int BytesPerElement { get; }
}
