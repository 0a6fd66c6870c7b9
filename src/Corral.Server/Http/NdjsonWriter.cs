using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Contracts;
using Corral.Contracts.Ollama;

namespace Corral.Server.Http;

/// <summary>
/// Hand-written NDJSON (<c>application/x-ndjson</c>): one object per line, flushed per line so clients see
/// tokens as they are generated. An error before the first line is a normal status + <c>{"error"}</c> answer;
/// after it, a final <c>{"error"}</c> line (status stays 200), like Ollama's <c>streamResponse</c>.
/// </summary>
public sealed class NdjsonWriter(HttpResponse response)
{
    public const string ContentType = "application/x-ndjson";

    private static readonly byte[] _newline = "\n"u8.ToArray();

    /// <summary>True once the first line has been sent.</summary>
    public bool Started { get; private set; }

    public async Task WriteLineAsync<T>(T value, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        if (!Started)
        {
            response.StatusCode = 200;
            response.ContentType = ContentType;
            Started = true;
        }
        await JsonSerializer.SerializeAsync(response.Body, value, typeInfo, cancellationToken);
        await response.Body.WriteAsync(_newline, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    public Task WriteErrorAsync(ApiError error, CancellationToken cancellationToken) =>
        Started
            ? WriteLineAsync(new ErrorResponse { Error = error.Message }, CorralJsonContext.Wire.ErrorResponse, cancellationToken)
            : ApiResults.WriteErrorAsync(response, error);
}
