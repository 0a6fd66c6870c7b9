using System.Text;
using System.Text.Json;

namespace Corral.IntegrationTests.Faults;

/// <summary>
/// What every answer to a malformed request must look like: no 5xx, an error body with an "error" field (the
/// router's own plain-text 404/405 pages excepted, as gin's), and success bodies that parse: JSON, NDJSON line by
/// line, or SSE event by event.
/// </summary>
public static class ResponseShape
{
    private static readonly string[] RouterPages = ["404 page not found", "405 method not allowed"];

    /// <summary>
    /// Null when well-formed, else what is wrong. <paramref name="serverErrorAllowed"/> admits a 500 with an error
    /// body where Ollama gives one for a fault that is not the request's (a model file llama.cpp cannot load).
    /// </summary>
    public static string? Problem(string method, int status, string? contentType, byte[] body, bool serverErrorAllowed = false)
    {
        if (status > 500 || (status == 500 && !serverErrorAllowed))
        {
            return $"status {status}: {Text(body)}";
        }
        // Kestrel's own 400 for a request it refuses to parse (a NUL in the path) has no body; the server never saw it.
        if (method == "HEAD" || status is 204 or 304 || (body.Length == 0 && (status < 400 || (status == 400 && contentType is null))))
        {
            return null;
        }
        var text = Encoding.UTF8.GetString(body);
        if (status >= 400 && RouterPages.Contains(text))
        {
            return null;
        }
        try
        {
            return contentType switch
            {
                "application/x-ndjson" => Lines(text, status),
                "text/event-stream" => Events(text),
                "text/plain" when status < 400 => null, // "Ollama is running"
                _ => Json(text, status),
            };
        }
        catch (JsonException e)
        {
            return $"status {status} {contentType}: body does not parse ({e.Message}): {Text(body)}";
        }
    }

    private static string? Json(string text, int status)
    {
        using var document = JsonDocument.Parse(text);
        return status >= 400 && !HasError(document.RootElement) ? $"status {status} without an \"error\" field: {text[..Math.Min(text.Length, 2000)]}" : null;
    }

    // A stream that fails after its first byte ends with an {"error": ...} line; every line must parse.
    private static string? Lines(string text, int status)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return $"NDJSON line is not an object: {line}";
            }
        }
        if (status >= 400 && !lines.Any(line => HasError(JsonDocument.Parse(line).RootElement)))
        {
            return $"status {status} stream without an \"error\" line: {text}";
        }
        return null;
    }

    private static string? Events(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                if (line != "data: [DONE]")
                {
                    using var _ = JsonDocument.Parse(line["data: ".Length..]);
                }
            }
            else if (line.Length > 0 && !line.StartsWith("event: ", StringComparison.Ordinal) && !line.StartsWith(':'))
            {
                return $"SSE line is neither data nor event: {line}";
            }
        }
        return null;
    }

    // Native errors are {"error":"..."}, OpenAI {"error":{"message":...}}, Anthropic {"type":"error","error":{...}}.
    private static bool HasError(JsonElement root) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out _);

    private static string Text(byte[] body) => Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 2000)));
}
