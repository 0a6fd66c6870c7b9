using System.Text.Json.Nodes;
using Corral.Server.OpenAI;

namespace Corral.Server.Anthropic;

/// <summary>Anthropic's error body <c>{"type":"error","error":{"type","message"},"request_id"}</c>, typed by status (reference section 1.13).</summary>
internal static class AnthropicError
{
    public static JsonObject Body(int status, string message) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject
        {
            ["type"] = status switch
            {
                400 => "invalid_request_error",
                401 => "authentication_error",
                403 => "permission_error",
                404 => "not_found_error",
                429 => "rate_limit_error",
                503 or 529 => "overloaded_error",
                _ => "api_error",
            },
            ["message"] = message,
        },
        ["request_id"] = WireIds.Hex("req_"),
    };

    public static Task WriteAsync(HttpContext context, int status, string message) =>
        JsonAnswer.WriteAsync(context.Response, context.Response.Body, Body(status, message), status);
}
