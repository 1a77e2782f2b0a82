using System.Text;
using AdaMomentumSharp.Experiments.Evaluation;

namespace AdaMomentumSharp.Experiments.Reporting;

/// <summary>The report's section of sample grids (<see cref="SampleGrid"/>), one per finished run that left one.</summary>
internal static class SampleGallery
{
    /// <summary>Markdown showing every grid under the results folder's samples/, by run; empty when there are none.</summary>
    public static string Markdown(string directory)
    {
        string folder = Path.Combine(directory, SampleGrid.Folder);
        string[] grids = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToArray() : [];
        if (grids.Length == 0)
        {
            return "";
        }
        var md = new StringBuilder().AppendLine().AppendLine("## Samples").AppendLine();
        md.AppendLine("Each run's generator at its last epoch, on the same 64 fixed latent vectors.").AppendLine();
        foreach (string grid in grids)
        {
            string run = Path.GetFileNameWithoutExtension(grid);
            md.AppendLine($"**{run}**").AppendLine().AppendLine($"![samples of {run}]({SampleGrid.Folder}/{Path.GetFileName(grid)})").AppendLine();
        }
        return md.ToString();
    }
}
