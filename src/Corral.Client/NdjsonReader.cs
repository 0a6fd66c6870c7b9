using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Contracts;

namespace Corral.Client;

/// <summary>
/// Reads a newline-delimited JSON body one line at a time (never the whole body), like the Go client's
/// <c>stream</c>: a line carrying <c>{"error":...}</c> ends the stream with a <see cref="StatusException"/>.
/// </summary>
internal static class NdjsonReader
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(Stream body, JsonTypeInfo<T> typeInfo,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            // A line already buffered is returned without looking at the token, so a caller who cancels while
            // lines arrive faster than it reads would otherwise keep receiving them.
            cancellationToken.ThrowIfCancellationRequested();
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var error = JsonSerializer.Deserialize(line, CorralJsonContext.Default.ErrorResponse);
            if (!string.IsNullOrEmpty(error?.Error))
            {
                throw new StatusException(HttpStatusCode.OK, "", error.Error);
            }
            yield return JsonSerializer.Deserialize(line, typeInfo)
                ?? throw new JsonException($"unexpected null line in stream: {line}");
        }
    }
}
