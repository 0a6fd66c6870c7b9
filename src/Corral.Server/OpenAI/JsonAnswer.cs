using System.Text.Json.Nodes;
using Corral.Server.Http;

namespace Corral.Server.OpenAI;

/// <summary>Writes one JSON object on the real response body (the native endpoint's body is swapped out meanwhile).</summary>
internal static class JsonAnswer
{
    public static async Task WriteAsync(HttpResponse response, Stream body, JsonNode value, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = ApiResults.JsonContentType;
        await body.WriteAsync(WireJson.SerializeToUtf8Bytes(value), response.HttpContext.RequestAborted);
    }
}
