using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// Runs a native Ollama endpoint on a translated request and hands its answer, line by line, to a translator.
/// This is how Ollama itself serves <c>/v1</c> and <c>/v1/messages</c> (gin middleware rewriting the body and
/// wrapping the response writer, <c>middleware/openai.go</c>), so the compatibility APIs get every check,
/// scheduling rule and output parser of the native ones without a second copy.
/// </summary>
internal static class NativeCall
{
    /// <summary>
    /// <paramref name="onLine"/> gets each native JSON object and the status the native endpoint set for it
    /// (200 for stream lines, the error status for an error answer). The real response body is untouched by
    /// the native endpoint: the translator writes to it.
    /// </summary>
    public static async Task RunAsync(HttpContext context, JsonObject nativeRequest, RequestDelegate handler,
        Func<NativeLine, Task> onLine)
    {
        var body = WireJson.SerializeToUtf8Bytes(nativeRequest);
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        var original = context.Response.Body;
        var capture = new LineCaptureStream(line => onLine(new NativeLine(context.Response.StatusCode, JsonNode.Parse(line.Span)!.AsObject())));
        context.Response.Body = capture;
        try
        {
            await handler(context);
            await capture.CompleteAsync();
        }
        finally
        {
            context.Response.Body = original;
        }
    }
}
