using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Contracts.Json;

namespace Corral.Server.Http;

/// <summary>
/// Reads a request body like gin's <c>ShouldBindJSON</c> in Ollama: empty body = 400 <c>missing request body</c>,
/// <c>null</c> = all fields zero, malformed or mistyped JSON = 400 with a Go <c>encoding/json</c>-style message.
/// </summary>
public static class JsonBody
{
    public static async Task<(T? Value, ApiError? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : new()
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var bytes = Utf8Repair.Repair(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        if (IsBlank(bytes.Span))
        {
            return (default, ApiErrors.MissingBody);
        }
        try
        {
            return (JsonSerializer.Deserialize(bytes.Span, typeInfo) ?? new T(), null);
        }
        catch (WireValueException error)
        {
            return (default, new ApiError(400, error.Message));
        }
        catch (JsonException error)
        {
            return (default, new ApiError(400, GoJsonErrors.Describe(error, bytes.Span, typeInfo)));
        }
        catch (InvalidOperationException error)
        {
            // System.Text.Json's answer to a string it cannot decode (an unpaired "\ud800" escape).
            return (default, new ApiError(400, $"invalid request body: {error.Message}"));
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }
        return true;
    }
}
