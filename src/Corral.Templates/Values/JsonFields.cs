using System.Text.Json;

namespace Corral.Templates.Values;

/// <summary>Tolerant reads from request JSON: a missing or mistyped field is Go's zero value, as json.Unmarshal leaves it.</summary>
internal static class JsonFields
{
    public static JsonElement? Optional(JsonElement? json, string name) =>
        json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public static string String(JsonElement? json, string name) =>
        Optional(json, name) is { ValueKind: JsonValueKind.String } value ? value.GetString()! : "";

    public static IReadOnlyList<object?> Strings(JsonElement? json, string name) =>
        Optional(json, name) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => (object?)e.GetString()).ToList()
            : [];
}
