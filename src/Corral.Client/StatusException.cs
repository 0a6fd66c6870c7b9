using System.Net;

namespace Corral.Client;

/// <summary>
/// An error answered by the server: the HTTP status and the server's <c>error</c> message. The .NET form of
/// Ollama's Go <c>api.StatusError</c> (https://github.com/ollama/ollama/blob/main/api/types.go), whose
/// message reads <c>"404 Not Found: model 'x' not found"</c>, or just the server's text for an error line
/// inside a stream.
/// </summary>
public class StatusException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="status">The status line, e.g. <c>404 Not Found</c>; empty for an error inside a stream.</param>
    /// <param name="errorMessage">The server's error text.</param>
    public StatusException(HttpStatusCode statusCode, string status, string errorMessage)
        : base(FormatMessage(status, errorMessage))
    {
        StatusCode = statusCode;
        Status = status;
        ErrorMessage = errorMessage;
    }

    /// <summary>The HTTP status; 200 when the error arrived as an <c>{"error":...}</c> line inside a stream.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The status line (<c>404 Not Found</c>), empty for an error line inside a stream.</summary>
    public string Status { get; }

    /// <summary>The server's <c>error</c> text (or the raw body when it was not JSON).</summary>
    public string ErrorMessage { get; }

    // Go's StatusError.Error(): both parts when present, else whichever exists, else a generic hint.
    private static string FormatMessage(string status, string errorMessage) => (status, errorMessage) switch
    {
        ({ Length: > 0 }, { Length: > 0 }) => $"{status}: {errorMessage}",
        ({ Length: > 0 }, _) => status,
        (_, { Length: > 0 }) => errorMessage,
        _ => "something went wrong, please see the ollama server logs for details",
    };
}
