using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdaMomentumSharp.Files;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>How the results folder writes its JSON: indented, and with NaN allowed, since a diverged epoch records one.</summary>
internal static class ResultsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(string path, T value) => AtomicFile.Write(path, stream => stream.Write(Bytes(value)));

    /// <summary>The file's content as <see cref="Write"/> writes it.</summary>
    public static byte[] Bytes<T>(T value) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, Options));

    /// <param name="recovery">What a person can do about an unreadable file (delete it, restore it), appended to the message.</param>
    /// <exception cref="InvalidDataException">The file is not valid JSON of <typeparamref name="T"/> (a torn or hand-edited
    /// file); the message names the file and the field, so a command ends in one line instead of a stack trace.</exception>
    public static T Read<T>(string path, Func<string>? recovery = null)
    {
        string text = File.ReadAllText(path);
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            if (JsonFields.Problem(typeof(T), document.RootElement) is string problem)
            {
                throw Unreadable(path, problem, recovery);
            }
            return document.Deserialize<T>(Options)!;
        }
        catch (JsonException e)
        {
            throw Unreadable(path, $"it is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", recovery, e);
        }
    }

    /// <summary>The error for a file that reads as JSON but holds something no command writes, worded as <see cref="Read"/> words its own.</summary>
    public static InvalidDataException Unreadable(string path, string problem, Func<string>? recovery, Exception? inner = null) =>
        new($"{path} is not a readable results file: {problem}.{(recovery is null ? "" : " " + recovery())}", inner);
}
