using System.Text.Json;
using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary><c>/v1/completions</c> body to an <c>/api/generate</c> body (Ollama's <c>openai.FromCompleteRequest</c>).</summary>
internal static class CompletionTranslation
{
    public static JsonObject ToNative(JsonObject request)
    {
        var prompt = request["prompt"] switch
        {
            null => "",
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            // OpenAI also takes a one-item array; more than one prompt per request is not supported (no n/batching).
            JsonArray { Count: 1 } items => RequestJson.String(new JsonObject { ["prompt"] = items[0]?.DeepClone() }, "prompt") ?? "",
            _ => throw new TranslationException("invalid type for 'prompt' field: only a string or a one-string array is supported"),
        };
        var native = new JsonObject
        {
            ["model"] = RequestJson.String(request, "model") ?? "",
            ["prompt"] = prompt,
            ["stream"] = RequestJson.Bool(request, "stream"),
            ["options"] = SamplingOptions.From(request, RequestJson.Number(request, "max_tokens")),
        };
        if (RequestJson.String(request, "suffix") is { Length: > 0 } suffix)
        {
            native["suffix"] = suffix;
        }
        // Legacy completions take logprobs as a count of alternatives per token.
        if (RequestJson.Number(request, "logprobs") is { } logprobs && logprobs.GetValue<int>() > 0)
        {
            native["logprobs"] = true;
            native["top_logprobs"] = logprobs;
        }
        return native;
    }
}
