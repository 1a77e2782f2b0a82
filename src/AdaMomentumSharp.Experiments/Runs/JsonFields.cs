using System.Reflection;
using System.Text.Json;

namespace AdaMomentumSharp.Experiments.Runs;

/// <summary>
/// Checks a results file's JSON against the record it holds before deserializing it: every constructor parameter
/// without a default present, none that cannot be null null, each of the right kind. The deserializer would otherwise
/// fill a missing number with 0, let a null reach a constructor (".NET: Value cannot be null") or name .NET types.
/// </summary>
internal static class JsonFields
{
    /// <summary>The first problem found, naming the field by its JSON path (<c>Epochs</c>, <c>[0].Folder</c>); null if none.</summary>
    public static string? Problem(Type type, JsonElement value, string path = "")
    {
        string where = path.Length == 0 ? "the file" : $"field {path}";
        if (ListElement(type) is Type element)
        {
            return value.ValueKind != JsonValueKind.Array
                ? $"{where} holds {Describe(value)}, where it must hold {KindOf(type)}"
                : value.EnumerateArray().Select((item, i) => Problem(element, item, $"{path}[{i}]")).FirstOrDefault(p => p is not null);
        }
        if (!Fits(type, value))
        {
            return $"{where} holds {Describe(value)}, where it must hold {KindOf(type)}";
        }
        return IsRecord(type) ? FieldProblem(type, value, path) : null;
    }

    private static string? FieldProblem(Type record, JsonElement value, string path)
    {
        // One per call: a NullabilityInfoContext caches without locking, and results files may be read on several threads.
        var nullability = new NullabilityInfoContext();
        foreach (ParameterInfo parameter in record.GetConstructors().Single().GetParameters())
        {
            string field = path.Length == 0 ? parameter.Name! : $"{path}.{parameter.Name}";
            if (!value.TryGetProperty(parameter.Name!, out JsonElement item))
            {
                if (!parameter.HasDefaultValue)
                {
                    return $"field {field} is missing; it must hold {KindOf(parameter.ParameterType)}";
                }
            }
            else if (item.ValueKind == JsonValueKind.Null)
            {
                if (nullability.Create(parameter).ReadState != NullabilityState.Nullable)
                {
                    return $"field {field} is null; it must hold {KindOf(parameter.ParameterType)}";
                }
            }
            else if (Problem(parameter.ParameterType, item, field) is string problem)
            {
                return problem;
            }
        }
        return null;
    }

    private static bool Fits(Type type, JsonElement value)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? value.ValueKind == JsonValueKind.String
            : type == typeof(int) ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _)
            : type == typeof(bool) ? value.ValueKind is JsonValueKind.True or JsonValueKind.False
            // NaN and the infinities are written as strings (ResultsJson.Options).
            : type == typeof(double) ? value.ValueKind == JsonValueKind.Number ||
                                       value.ValueKind == JsonValueKind.String && value.GetString() is "NaN" or "Infinity" or "-Infinity"
            : type == typeof(IReadOnlyDictionary<string, string>) ? value.ValueKind == JsonValueKind.Object &&
                                                                     value.EnumerateObject().All(p => p.Value.ValueKind == JsonValueKind.String)
            : value.ValueKind == JsonValueKind.Object;
    }

    private static bool IsRecord(Type type) => type.IsClass && type != typeof(string) && !type.IsInterface;

    private static Type? ListElement(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition &&
        (definition == typeof(List<>) || definition == typeof(IReadOnlyList<>)) ? type.GetGenericArguments()[0] : null;

    private static string KindOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) ? "text"
            : type == typeof(int) ? "a whole number"
            : type == typeof(double) ? "a number"
            : type == typeof(bool) ? "true or false"
            : ListElement(type) is not null ? "a list"
            : "an object";
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the text \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => "null",
    };
}
