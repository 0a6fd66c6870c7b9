using System.Text.Json.Nodes;

namespace Corral.Server.OpenAI;

/// <summary>
/// OpenAI's error body <c>{"error":{"message","type","param","code"}}</c>, typed by status like Ollama's
/// <c>openai.NewError</c> (reference section 1.12).
/// </summary>
internal static class OpenAIError
{
    public static JsonObject Body(int status, string message) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = status switch
            {
                400 => "invalid_request_error",
                401 => "authentication_error",
                403 => "permission_error",
                404 => "not_found_error",
                429 => "rate_limit_error",
                _ => "api_error",
            },
            ["param"] = null,
            ["code"] = null,
        },
    };

    public static Task WriteAsync(HttpContext context, int status, string message) =>
        JsonAnswer.WriteAsync(context.Response, context.Response.Body, Body(status, message), status);

    /// <summary>A native error mid-call: a normal error answer before the stream started, an SSE <c>data:</c> error frame after (as Ollama).</summary>
    public static Task AnswerAsync(HttpResponse response, Stream body, SseWriter sse, int status, string message) =>
        sse.Started ? sse.WriteAsync(Body(status, message)) : JsonAnswer.WriteAsync(response, body, Body(status, message), status);
}
