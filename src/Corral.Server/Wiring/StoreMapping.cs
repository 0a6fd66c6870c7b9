using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Contracts.Ollama;
using Corral.Store.Show;

namespace Corral.Server.Wiring;

/// <summary>Converts the store's records and JSON nodes into the wire records the endpoints answer with.</summary>
internal static class StoreMapping
{
    public static IReadOnlyDictionary<string, JsonElement> ToElements(JsonObject? json) =>
        json is null
            ? new Dictionary<string, JsonElement>()
            : json.ToDictionary(pair => pair.Key, pair => ToElement(pair.Value));

    public static JsonObject? ToObject(IReadOnlyDictionary<string, JsonElement>? values) =>
        values is not { Count: > 0 }
            ? null
            : new JsonObject(values.Select(pair => KeyValuePair.Create(pair.Key, JsonNode.Parse(pair.Value.GetRawText()))));

    public static ShowResponse ToShowResponse(ModelShowInfo info) => new()
    {
        License = info.License,
        Modelfile = info.Modelfile,
        Parameters = info.Parameters,
        Template = info.Template,
        System = info.System,
        Renderer = info.Renderer,
        Parser = info.Parser,
        Details = info.Details,
        Messages = info.Messages.Select(m => new Message { Role = m.Role, Content = m.Content }).ToList(),
        ModelInfo = info.ModelInfo.ToDictionary(pair => pair.Key, pair => ToElement(pair.Value)),
        ProjectorInfo = info.ProjectorInfo?.ToDictionary(pair => pair.Key, pair => ToElement(pair.Value)),
        Tensors = info.Tensors.Select(t => new Tensor { Name = t.Name, Type = t.Type, Shape = t.Shape }).ToList(),
        Capabilities = info.Capabilities,
        ModifiedAt = info.ModifiedAt,
        Requires = info.Requires,
    };

    private static JsonElement ToElement(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }
}
