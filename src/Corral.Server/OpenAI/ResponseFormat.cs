using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// <c>response_format</c> as a native <c>format</c>: <c>json_object</c> is <c>"json"</c>, <c>json_schema</c> its schema.
/// The grammar always constrains to the schema, so <c>strict: true</c> holds whether or not it is asked for.
/// </summary>
internal static class ResponseFormat
{
    public static JsonNode? ToNative(JsonNode? format) => RequestJson.String(format, "type") switch
    {
        null or "text" => null,
        "json_object" => "json",
        "json_schema" => format!["json_schema"]?["schema"]?.DeepClone() ?? throw new TranslationException("json_schema.schema is required"),
        var other => throw new TranslationException($"invalid response_format type: {other}"),
    };
}
