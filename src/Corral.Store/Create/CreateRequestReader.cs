using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Store.Manifests;

namespace Corral.Store.Create;

/// <summary>
/// Reads an <c>/api/create</c> JSON body into a <see cref="CreateModelRequest"/> with Ollama's field aliases
/// (<c>name</c> for <c>model</c>, <c>quantization</c> for <c>quantize</c>), <c>license</c> as string or list,
/// and Go decoder-style type errors (400 <c>json: cannot unmarshal number into Go struct field
/// CreateRequest.system of type string</c>).
/// </summary>
public static class CreateRequestReader
{
    public static CreateModelRequest Read(JsonObject body)
    {
        return new CreateModelRequest
        {
            Model = Or(String(body, "model"), String(body, "name")) ?? "",
            From = String(body, "from"),
            Files = StringMap(body, "files"),
            Adapters = StringMap(body, "adapters"),
            Template = String(body, "template"),
            System = String(body, "system"),
            License = License(body),
            Parameters = Object(body, "parameters"),
            Messages = Messages(body),
            Renderer = String(body, "renderer"),
            Parser = String(body, "parser"),
            Requires = String(body, "requires"),
            Quantize = Or(String(body, "quantize"), String(body, "quantization")),
        };
    }

    private static string? Or(string? a, string? b) => string.IsNullOrEmpty(a) ? b : a;

    private static string? String(JsonObject body, string field) => body[field] switch
    {
        null => null,
        var node when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
        var node => throw TypeError(node, field, "string"),
    };

    private static JsonObject? Object(JsonObject body, string field, string goType = "map[string]interface {}") => body[field] switch
    {
        null => null,
        JsonObject o => o,
        var node => throw TypeError(node, field, goType),
    };

    private static Dictionary<string, string>? StringMap(JsonObject body, string field)
    {
        if (Object(body, field, "map[string]string") is not { } map)
        {
            return null;
        }

        return map.ToDictionary(
            kv => kv.Key,
            kv => kv.Value?.GetValueKind() == JsonValueKind.String
                ? kv.Value.GetValue<string>()
                : throw TypeError(kv.Value, field, "string"),
            StringComparer.Ordinal);
    }

    private static List<string>? License(JsonObject body) => body["license"] switch
    {
        null => null,
        var node when node.GetValueKind() == JsonValueKind.String => [node.GetValue<string>()],
        JsonArray array => array.Select(item => item?.GetValueKind() == JsonValueKind.String
            ? item.GetValue<string>()
            : throw StoreException.BadRequest("license must be a string or an array of strings")).ToList(),
        _ => throw StoreException.BadRequest("license must be a string or an array of strings"),
    };

    private static List<ModelMessage>? Messages(JsonObject body) => body["messages"] switch
    {
        null => null,
        JsonArray array => array.Select(item => item is JsonObject message
            ? new ModelMessage(String(message, "role") ?? "", String(message, "content") ?? "")
            : throw TypeError(item, "messages", "api.Message")).ToList(),
        var node => throw TypeError(node, "messages", "[]api.Message"),
    };

    // encoding/json's UnmarshalTypeError text, which Ollama returns verbatim with 400.
    private static StoreException TypeError(JsonNode? node, string field, string goType)
    {
        var kind = node?.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number",
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Array => "array",
            JsonValueKind.Object => "object",
            _ => "null",
        };
        return StoreException.BadRequest($"json: cannot unmarshal {kind} into Go struct field CreateRequest.{field} of type {goType}");
    }
}
