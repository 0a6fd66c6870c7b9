using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Contracts;
using Corral.Contracts.Ollama;

namespace Corral.Server.Http;

/// <summary>Writes single JSON answers and error bodies (<c>application/json; charset=utf-8</c>, like gin's <c>c.JSON</c>).</summary>
public static class ApiResults
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static async Task WriteJsonAsync<T>(HttpResponse response, T value, JsonTypeInfo<T> typeInfo, int status = 200)
    {
        response.StatusCode = status;
        response.ContentType = JsonContentType;
        await JsonSerializer.SerializeAsync(response.Body, value, typeInfo, response.HttpContext.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpResponse response, ApiError error) =>
        WriteJsonAsync(response, new ErrorResponse { Error = error.Message }, CorralJsonContext.Wire.ErrorResponse, error.Status);

    /// <summary>200 with an empty body (copy, delete).</summary>
    public static Task WriteOkAsync(HttpResponse response)
    {
        response.StatusCode = 200;
        return Task.CompletedTask;
    }
}
