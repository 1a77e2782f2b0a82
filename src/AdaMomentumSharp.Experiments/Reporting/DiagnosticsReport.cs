using System.Globalization;
using System.Text;
using AdaMomentumSharp.Experiments.Runs;
using AdaMomentumSharp.Experiments.Tasks;
using ScottPlot;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>
/// The report's section on what <c>compare --diagnostics</c> recorded (<see cref="TensorDiagnostic"/>): per epoch, the
/// update size per unit of rate and the share of AdaMomentum's second moment held up by its eps floor, over all of a
/// model's elements, for every optimizer and rate run with diagnostics (mean over its seeds); and per tensor, how much
/// larger AdaMomentum's updates were than Adam's on the seeds both ran. Nothing when no run recorded diagnostics.
/// </summary>
internal static class DiagnosticsReport
{
    public const string UpdateFileName = "update-size.png", FloorFileName = "eps-floor.png";

    /// <summary>Draws the two pictures and returns the section's Markdown; "" when no run of <paramref name="groups"/> has diagnostics.</summary>
    /// <param name="reported">The rows the report's table shows: the ratio table compares AdaMomentum's and Adam's.</param>
    public static string Write(string directory, string taskName, IReadOnlyList<RunGroup> groups, IReadOnlyList<RunGroup> reported)
    {
        var recorded = groups
            .Select(g => (Group: g, Runs: g.Runs.ToDictionary(r => r.Seed, r => Read(directory, r)).Where(s => s.Value.Count > 0).ToDictionary()))
            .Where(g => g.Runs.Count > 0)
            .ToList();
        if (recorded.Count == 0)
        {
            return "";
        }
        Draw(Path.Combine(directory, UpdateFileName), $"{taskName}: mean |update| per unit of learning rate", "mean |Δp| / lr over all weights",
             recorded, rows => Weighted(rows, r => r.MeanUpdateOverLr));
        var withFloor = recorded.Where(g => g.Runs.Values.Any(rows => rows.Any(r => !double.IsNaN(r.NearFloorFraction)))).ToList();
        var md = new StringBuilder().AppendLine().AppendLine("## Update size and the eps floor").AppendLine();
        md.AppendLine("Recorded with `--diagnostics`: each step's mean |Δp| divided by the rate it was taken at, averaged over the epoch " +
                      "and over all weights (each tensor counted by its elements)" +
                      (withFloor.Count == 0 ? "" : "; for AdaMomentum, the share of elements whose bias-corrected second moment " +
                       $"v / (1 − β2^t) is below {UpdateDiagnostics.FloorFactor:G}·eps/(1 − β2) at the epoch's end, where eps, stored into v every " +
                       "step, makes up more than a tenth of what the step divides by") + ". Lines are means over each rate's seeds.").AppendLine();
        md.AppendLine($"![update size per unit of rate]({UpdateFileName})").AppendLine();
        if (withFloor.Count > 0)
        {
            Draw(Path.Combine(directory, FloorFileName), $"{taskName}: AdaMomentum's second moment near its eps floor",
                 $"share of weights with v̂ < {UpdateDiagnostics.FloorFactor:G}·eps/(1 − β2)", withFloor, rows => Weighted(rows, r => r.NearFloorFraction),
                 share: true);
            md.AppendLine($"![share of v near the eps floor]({FloorFileName})").AppendLine();
        }
        md.Append(RatioTable([.. recorded.Where(g => reported.Any(r => r.Optimizer == g.Group.Optimizer && r.Lr == g.Group.Lr))]));
        return md.ToString();
    }

    /// <summary>Every epoch file of <paramref name="run"/>, in epoch order; empty when it recorded none.</summary>
    private static List<TensorDiagnostic> Read(string directory, RunRecord run)
    {
        string folder = Path.Combine(directory, Trainer.DiagnosticsFolder, RunStore.RunKey(run.Optimizer, run.Lr, run.Seed));
        return Directory.Exists(folder)
            ? [.. run.Epochs.Select(e => Path.Combine(folder, $"epoch-{e.Epoch}.csv")).Where(File.Exists).SelectMany(CsvFile.Read<TensorDiagnostic>)]
            : [];
    }

    /// <summary>Per epoch, the element-weighted mean of <paramref name="value"/> over the tensors that have one.</summary>
    private static SortedDictionary<int, double> Weighted(IEnumerable<TensorDiagnostic> rows, Func<TensorDiagnostic, double> value) =>
        new(rows.Where(r => !double.IsNaN(value(r))).GroupBy(r => r.Epoch)
            .ToDictionary(e => e.Key, e => e.Sum(r => r.Elements * value(r)) / e.Sum(r => (double)r.Elements)));

    private static void Draw(string path, string title, string yLabel, List<(RunGroup Group, Dictionary<int, List<TensorDiagnostic>> Runs)> groups,
                             Func<List<TensorDiagnostic>, SortedDictionary<int, double>> perEpoch, bool share = false)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < groups.Count; i++)
        {
            var series = groups[i].Runs.Values.Select(perEpoch).ToList();
            int[] epochs = [.. series.SelectMany(s => s.Keys).Distinct().Order()];
            double[] mean = [.. epochs.Select(e => series.Where(s => s.ContainsKey(e)).Average(s => s[e]))];
            var line = plot.Add.Scatter(epochs.Select(e => (double)e).ToArray(), mean, palette.GetColor(i));
            line.LegendText = groups[i].Group.Label;
            line.LineWidth = 2;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (share)
        {
            // A share: the whole of [0, 1], so that a flat line at 1 reads as "all of them", not as an axis of its own.
            plot.Axes.SetLimitsY(-0.02, 1.02);
        }
        PlotFile.Save(plot, path, title, "epoch", yLabel, width: 1100);
    }

    /// <summary>Per tensor and epoch, AdaMomentum's update size over Adam's, averaged over the seeds both recorded (at their reported rates).</summary>
    private static string RatioTable(List<(RunGroup Group, Dictionary<int, List<TensorDiagnostic>> Runs)> recorded)
    {
        var oursGroup = recorded.Where(g => g.Group.Optimizer == "adamomentum").OrderByDescending(g => g.Runs.Count).FirstOrDefault();
        var adamGroup = recorded.Where(g => g.Group.Optimizer == "adam").OrderByDescending(g => g.Runs.Count).FirstOrDefault();
        if (oursGroup.Group is null || adamGroup.Group is null)
        {
            return "";
        }
        int[] seeds = [.. oursGroup.Runs.Keys.Intersect(adamGroup.Runs.Keys).Order()];
        int[] epochs = [.. seeds.SelectMany(s => oursGroup.Runs[s].Select(r => r.Epoch).Intersect(adamGroup.Runs[s].Select(r => r.Epoch))).Distinct().Order().Take(3)];
        if (seeds.Length == 0 || epochs.Length == 0)
        {
            return "";
        }
        static double Update(List<TensorDiagnostic> rows, string tensor, int epoch) =>
            rows.Single(r => r.Tensor == tensor && r.Epoch == epoch).MeanUpdateOverLr;
        var md = new StringBuilder().AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"AdaMomentum's mean |update| per unit of rate over Adam's (lr {oursGroup.Group.Lr:G3} and {adamGroup.Group.Lr:G3}), per tensor, " +
            $"in the first epochs; mean over the {seeds.Length} seed(s) both ran:")).AppendLine();
        string Row(TensorDiagnostic tensor)
        {
            string Ratio(int epoch) => seeds.Where(s => oursGroup.Runs[s].Any(r => r.Epoch == epoch) && adamGroup.Runs[s].Any(r => r.Epoch == epoch))
                .Select(s => Update(oursGroup.Runs[s], tensor.Tensor, epoch) / Update(adamGroup.Runs[s], tensor.Tensor, epoch))
                .DefaultIfEmpty(double.NaN).Average().ToString("F2", CultureInfo.InvariantCulture);
            return MarkdownTable.Row([tensor.Tensor, tensor.Elements.ToString(CultureInfo.InvariantCulture), .. epochs.Select(Ratio)]);
        }
        md.Append(MarkdownTable.Of(["tensor", "elements", .. epochs.Select(e => $"epoch {e}")],
                                   oursGroup.Runs[seeds[0]].Where(r => r.Epoch == epochs[0]).Select(Row)));
        return md.ToString();
    }
}
