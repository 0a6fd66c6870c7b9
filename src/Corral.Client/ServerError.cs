using System.Net;
using System.Text.Json;

namespace Corral.Client;

/// <summary>Turns a failed response into the exception Ollama's Go client would return (<c>checkError</c>).</summary>
internal static class ServerError
{
    public static async Task<StatusException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}".Trim();
        var (message, signinUrl) = Parse(body);
        return response.StatusCode == HttpStatusCode.Unauthorized
            ? new AuthorizationException(status, message, signinUrl)
            : new StatusException(response.StatusCode, status, message);
    }

    // A JSON body gives {"error":..., "signin_url":...}; anything else (gin's "404 page not found") is the message.
    private static (string Message, string? SigninUrl) Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "";
                var signin = root.TryGetProperty("signin_url", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                return (error, signin);
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw text is the message, as in Go's checkError.
        }
        return (body.Trim(), null);
    }
}
