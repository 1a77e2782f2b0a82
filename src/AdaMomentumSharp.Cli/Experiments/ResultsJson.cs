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

    public static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path} holds null.");
}
