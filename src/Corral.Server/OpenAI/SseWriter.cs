using System.Text;
using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// Server-sent events on the real response body: OpenAI chat/completions send bare <c>data:</c> frames,
/// Responses and Anthropic name each event (<c>event: X</c>). Flushed per frame so tokens arrive as generated.
/// </summary>
internal sealed class SseWriter(HttpResponse response, Stream body)
{
    public bool Started { get; private set; }

    public Task WriteAsync(JsonNode data, string? eventName = null) =>
        WriteRawAsync((eventName is null ? "" : $"event: {eventName}\n") + $"data: {WireJson.Serialize(data)}\n\n");

    /// <summary>OpenAI's end-of-stream sentinel.</summary>
    public Task WriteDoneAsync() => WriteRawAsync("data: [DONE]\n\n");

    private async Task WriteRawAsync(string frame)
    {
        if (!Started)
        {
            response.StatusCode = 200;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            Started = true;
        }
        await body.WriteAsync(Encoding.UTF8.GetBytes(frame), response.HttpContext.RequestAborted);
        await body.FlushAsync(response.HttpContext.RequestAborted);
    }
}
