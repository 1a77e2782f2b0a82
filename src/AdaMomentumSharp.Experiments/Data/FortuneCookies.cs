namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// The fortunes of the Debian package fortunes: each plain-text file in the folder (not the .dat indexes, not links)
/// holds fortunes separated by lines containing only <c>%</c>.
/// </summary>
internal static class FortuneCookies
{
    public const string DefaultDirectory = "/usr/share/games/fortunes";

    /// <summary>Every fortune's lines, files in ordinal name order, fortunes in file order; empty fortunes are skipped.</summary>
    /// <exception cref="DataFileException">The folder is missing or holds no fortune; the message says how to install them.</exception>
    public static List<string[]> Read(string directory)
    {
        string install = "Install them with `sudo apt-get install -y fortunes` (Debian, Ubuntu), or pass --data DIR pointing at a folder " +
                         "of text files whose fortunes are separated by lines holding only %.";
        if (!Directory.Exists(directory))
        {
            throw new DataFileException($"The fortunes folder {directory} does not exist. {install}");
        }
        IEnumerable<string> files = Directory.GetFiles(directory)
            .Where(f => Path.GetExtension(f) is "" or ".txt" && new FileInfo(f).LinkTarget is null)
            .Order(StringComparer.Ordinal);
        var fortunes = new List<string[]>();
        foreach (string file in files)
        {
            var lines = new List<string>();
            foreach (string line in File.ReadLines(file).Append("%"))
            {
                if (line.TrimEnd('\r') != "%")
                {
                    lines.Add(line);
                    continue;
                }
                if (lines.Any(l => !string.IsNullOrWhiteSpace(l)))
                {
                    fortunes.Add(lines.ToArray());
                }
                lines.Clear();
            }
        }
        return fortunes.Count > 0 ? fortunes : throw new DataFileException($"{directory} holds no fortunes. {install}");
    }
}
