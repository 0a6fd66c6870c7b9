using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Nodes;
using Corral.Server.Endpoints;

namespace Corral.Server.OpenAI;

/// <summary>
/// <c>POST /v1/embeddings</c> onto native <c>/api/embed</c> (Ollama's <c>EmbeddingsMiddleware</c>). <c>base64</c> is the
/// little-endian float32 bytes, which is what the OpenAI SDKs request by default and decode.
/// </summary>
internal static class OpenAIEmbeddingsEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        if (await TranslatedRequest.ReadAsync(context, request => (Native: ToNative(request), Base64: Base64Requested(request)),
                OpenAIError.WriteAsync) is not var (_, (native, base64)))
        {
            return;
        }
        var body = context.Response.Body;
        await NativeCall.RunAsync(context, native, EmbedEndpoint.HandleAsync, line => line.Error is { } error
            ? JsonAnswer.WriteAsync(context.Response, body, OpenAIError.Body(line.ErrorStatus, error), line.ErrorStatus)
            : JsonAnswer.WriteAsync(context.Response, body, ToOpenAI(line.Body, base64)));
    }

    private static JsonObject ToNative(JsonObject request)
    {
        var input = request["input"] switch
        {
            JsonValue value when value.GetValueKind() == JsonValueKind.String => new JsonArray(value.GetValue<string>()),
            JsonArray { Count: > 0 } items => items.DeepClone(),
            _ => throw new TranslationException("invalid input"),
        };
        var native = new JsonObject { ["model"] = RequestJson.String(request, "model") ?? "", ["input"] = input };
        if (RequestJson.Number(request, "dimensions") is { } dimensions)
        {
            native["dimensions"] = dimensions;
        }
        return native;
    }

    private static bool Base64Requested(JsonObject request) => RequestJson.String(request, "encoding_format") switch
    {
        null or "" or "float" => false,
        "base64" => true,
        var other => throw new TranslationException($"Invalid value for 'encoding_format' = {other}. Supported values: ['float', 'base64']."),
    };

    private static JsonObject ToOpenAI(JsonObject native, bool base64)
    {
        var data = new JsonArray();
        var embeddings = native["embeddings"] as JsonArray ?? [];
        for (var i = 0; i < embeddings.Count; i++)
        {
            var vector = embeddings[i]!.AsArray();
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["embedding"] = base64 ? ToBase64(vector) : vector.DeepClone(),
                ["index"] = i,
            });
        }
        var tokens = NativeOutput.PromptTokens(native);
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = native["model"]?.DeepClone(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        };
    }

    private static string ToBase64(JsonArray vector)
    {
        var bytes = new byte[vector.Count * sizeof(float)];
        for (var i = 0; i < vector.Count; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), vector[i]!.GetValue<float>());
        }
        return Convert.ToBase64String(bytes);
    }
}
