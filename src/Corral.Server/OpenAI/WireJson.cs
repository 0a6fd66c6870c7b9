using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Corral.Server.OpenAI;

/// <summary>JSON for the compatibility APIs: built as <see cref="JsonNode"/> trees (their shapes are unions, e.g. string-or-parts content).</summary>
internal static class WireJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonTypeInfo<JsonNode> Node { get; } = (JsonTypeInfo<JsonNode>)Options.GetTypeInfo(typeof(JsonNode));

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);

    public static byte[] SerializeToUtf8Bytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Node);
}
