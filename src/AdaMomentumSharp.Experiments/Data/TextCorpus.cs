using System.Text;

namespace AdaMomentumSharp.Experiments.Data;

/// <summary>
/// English text as characters: the fortune cookie files of the Debian package fortunes, concatenated in name
/// order, encoded over their own alphabet and split into fixed train (90 %), validation (5 %) and test (5 %) parts.
/// </summary>
internal sealed class TextCorpus
{
    public const string DefaultDirectory = "/usr/share/games/fortunes";

    private TextCorpus(char[] alphabet, int[] train, int[] validation, int[] test)
    {
        Alphabet = alphabet;
        Train = train;
        Validation = validation;
        Test = test;
    }

    public char[] Alphabet { get; }

    public int[] Train { get; }

    public int[] Validation { get; }

    public int[] Test { get; }

    /// <summary>Reads every plain-text fortune file in <paramref name="directory"/> (not the .dat indexes, not links).</summary>
    /// <exception cref="DataFileException">The folder is missing or holds no text; the message says how to install it.</exception>
    public static TextCorpus Load(string directory)
    {
        string install = "Install it with `sudo apt-get install -y fortunes` (Debian, Ubuntu), or pass --data DIR pointing at a folder of UTF-8 text files.";
        if (!Directory.Exists(directory))
        {
            throw new DataFileException($"The text folder {directory} does not exist. {install}");
        }
        string[] files = Directory.GetFiles(directory)
            .Where(f => Path.GetExtension(f) is "" or ".txt" && new FileInfo(f).LinkTarget is null)
            .Order(StringComparer.Ordinal)
            .ToArray();
        var text = new StringBuilder();
        foreach (string file in files)
        {
            text.Append(File.ReadAllText(file, Encoding.UTF8));
        }
        if (text.Length < 1000)
        {
            throw new DataFileException($"{directory} holds {text.Length} characters of text in {files.Length} files; at least 1000 are needed. {install}");
        }
        return FromText(text.ToString());
    }

    /// <summary>Encodes <paramref name="text"/> and splits it 90/5/5 in order.</summary>
    public static TextCorpus FromText(string text)
    {
        char[] alphabet = text.Distinct().Order().ToArray();
        var index = alphabet.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        int[] encoded = text.Select(c => index[c]).ToArray();
        int trainEnd = encoded.Length * 90 / 100, validationEnd = encoded.Length * 95 / 100;
        return new TextCorpus(alphabet, encoded[..trainEnd], encoded[trainEnd..validationEnd], encoded[validationEnd..]);
    }
}
