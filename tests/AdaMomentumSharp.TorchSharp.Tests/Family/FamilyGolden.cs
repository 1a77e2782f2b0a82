using System.Text.Json;

namespace AdaMomentumSharp.TorchSharp.Tests.Family;

/// <summary>The parameter and the named state tensors the authors' class reached after one of the listed steps.</summary>
public sealed record FamilyCheckpoint(long Step, double[] P, IReadOnlyDictionary<string, double[]> State);

/// <summary>
/// One trajectory computed by the class an optimizer of the family must replay, on PyTorch: options by PyTorch name
/// (flags as 0 or 1), starting parameters, one gradient per step, and the state after the listed steps.
/// </summary>
public sealed record FamilyCase(string Name, bool IsFloat32, IReadOnlyDictionary<string, double> Options, double[] P0, double[][] Gradients,
                                FamilyCheckpoint[] After)
{
    public override string ToString() => $"{Name} ({(IsFloat32 ? "float32" : "float64")})";
}

/// <summary>Reads TestData/&lt;optimizer&gt;-official.json (figures written by running the authors' classes, not code).</summary>
public static class FamilyGolden
{
    private static readonly Dictionary<string, FamilyCase[]> Loaded = [];

    public static IReadOnlyList<FamilyCase> Cases(string fixture)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(fixture, out FamilyCase[]? cases))
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "TestData", fixture)));
                Loaded[fixture] = cases = document.RootElement.GetProperty("cases").EnumerateArray().Select(ReadCase).ToArray();
            }
            return cases;
        }
    }

    private static FamilyCase ReadCase(JsonElement c)
    {
        var options = c.GetProperty("options").EnumerateObject().ToDictionary(
            o => o.Name, o => o.Value.ValueKind switch
            {
                JsonValueKind.True => 1.0,
                JsonValueKind.False => 0.0,
                _ => o.Value.GetDouble(),
            });
        bool float32 = c.GetProperty("dtype").GetString() switch
        {
            "float32" => true,
            "float64" => false,
            var other => throw new InvalidDataException($"Unknown dtype {other}."),
        };
        return new FamilyCase(
            c.GetProperty("name").GetString()!, float32, options, Doubles(c.GetProperty("p0")),
            c.GetProperty("grads").EnumerateArray().Select(Doubles).ToArray(),
            c.GetProperty("after").EnumerateArray().Select(a => new FamilyCheckpoint(
                a.GetProperty("step").GetInt64(), Doubles(a.GetProperty("p")),
                a.GetProperty("state").EnumerateObject().ToDictionary(s => s.Name, s => Doubles(s.Value)))).ToArray());
    }

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(x => x.GetDouble()).ToArray();
}
