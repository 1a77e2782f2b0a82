using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdaMomentumSharp.Cli.Experiments;

/// <summary>How the results folder writes its JSON: indented, and with NaN allowed, since a diverged epoch records one.</summary>
public static class ResultsJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static void Write<T>(string path, T value) =>
        AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(value, Options))));

    /// <exception cref="InvalidDataException">The file is not valid JSON of <typeparamref name="T"/> (a torn or hand-edited
    /// file); the message names the file, so a command ends in one line instead of a stack trace.</exception>
    public static T Read<T>(string path)
    {
        string text = File.ReadAllText(path);
        try
        {
            return JsonSerializer.Deserialize<T>(text, Options) ?? throw new InvalidDataException($"{path} holds null.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a readable results file: {e.Message}", e);
        }
    }
}
