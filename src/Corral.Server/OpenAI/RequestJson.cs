using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Server.Http;

namespace Corral.Server.OpenAI;

/// <summary>Reads a compatibility API body as a JSON object; an empty or malformed body is a 400 message.</summary>
internal static class RequestJson
{
    public static async Task<(JsonObject? Body, string? Error)> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0)
        {
            return (null, "missing request body");
        }
        try
        {
            return JsonNode.Parse(Utf8Repair.Repair(buffer.ToArray()).Span) is JsonObject body ? (body, null) : (null, "request body must be a JSON object");
        }
        catch (JsonException error)
        {
            return (null, $"invalid JSON body: {error.Message}");
        }
    }

    /// <summary>A string field, or null when absent; a value of another type is a translation error.</summary>
    public static string? String(JsonNode? node, string field) => node?[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        var other => throw new TranslationException($"invalid type for '{field}' field: {other.GetValueKind().ToString().ToLowerInvariant()}"),
    };

    public static bool Bool(JsonNode? node, string field) => node?[field] switch
    {
        null => false,
        JsonValue value when value.GetValueKind() is JsonValueKind.True or JsonValueKind.False => value.GetValue<bool>(),
        var other => throw new TranslationException($"invalid type for '{field}' field: {other.GetValueKind().ToString().ToLowerInvariant()}"),
    };

    public static JsonNode? Number(JsonNode? node, string field) => node?[field] switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.DeepClone(),
        var other => throw new TranslationException($"invalid type for '{field}' field: {other.GetValueKind().ToString().ToLowerInvariant()}"),
    };
}
