using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>OpenAI sampling fields as native <c>options</c>; temperature and top_p default to 1.0 like OpenAI (and Ollama's layer).</summary>
internal static class SamplingOptions
{
    public static JsonObject From(JsonObject request, JsonNode? numPredict)
    {
        var options = new JsonObject
        {
            ["temperature"] = RequestJson.Number(request, "temperature") ?? 1.0,
            ["top_p"] = RequestJson.Number(request, "top_p") is { } topP && topP.GetValue<double>() != 0 ? topP : 1.0,
        };
        foreach (var field in new[] { "seed", "frequency_penalty", "presence_penalty" })
        {
            if (RequestJson.Number(request, field) is { } value)
            {
                options[field] = value;
            }
        }
        if (numPredict is not null)
        {
            options["num_predict"] = numPredict;
        }
        if (Stop(request["stop"]) is { } stop)
        {
            options["stop"] = stop;
        }
        return options;
    }

    private static JsonArray? Stop(JsonNode? stop) => stop switch
    {
        null => null,
        JsonArray items => new JsonArray(items.Select(item => (JsonNode?)StopString(item)).ToArray()),
        _ => new JsonArray(StopString(stop)),
    };

    private static string StopString(JsonNode? item) =>
        item is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : throw new TranslationException($"invalid type for 'stop' field: {item?.GetValueKind().ToString().ToLowerInvariant() ?? "null"}");
}
