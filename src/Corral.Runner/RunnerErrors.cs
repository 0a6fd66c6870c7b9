using System.Text.Json;
using Corral.Engine;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Runner;

/// <summary>The one place the runner decides an error's status and writes <c>{"error":"..."}</c>.</summary>
internal static class RunnerErrors
{
    /// <summary>Bad input from the server is 400 (ArgumentException, or the engine's EngineRequestException); anything else is
    /// the runner's own failure, 500. The server's client maps 400 back to ArgumentException.</summary>
    public static int StatusFor(Exception exception) =>
        exception is ArgumentException or JsonException or EngineRequestException ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;

    /// <summary>Answers a failed request; the runner's own failures are also logged, since the server's crash and
    /// error messages send users to the logs.</summary>
    public static Task WriteAsync(HttpContext context, Exception exception)
    {
        var status = StatusFor(exception);
        if (status >= StatusCodes.Status500InternalServerError)
        {
            Log(context, exception);
        }

        return WriteAsync(context.Response, status, exception.Message);
    }

    public static void Log(HttpContext context, Exception exception) =>
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Runner")
            .LogError(exception, "{Path} failed", context.Request.Path);

    public static async Task WriteAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync();
    }
}
