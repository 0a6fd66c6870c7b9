using Corral.Contracts;
using Corral.Contracts.Ollama;
using Corral.Server.Http;

namespace Corral.Server.Endpoints;

/// <summary><c>GET/HEAD /</c>, <c>/api/version</c> and <c>/api/ps</c>.</summary>
internal static class StatusEndpoints
{
    /// <summary>The Ollama API version Corral implements; clients such as Open WebUI compare it numerically.</summary>
    public const string ApiVersion = "0.33.0";

    public static Task RootAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("Ollama is running", context.RequestAborted);
    }

    public static Task VersionAsync(HttpContext context) =>
        ApiResults.WriteJsonAsync(context.Response, new VersionResponse { Version = ApiVersion }, CorralJsonContext.Wire.VersionResponse);

    public static async Task PsAsync(HttpContext context)
    {
        var services = RequestServices.From(context);
        var models = await services.Scheduler.ListRunningAsync();
        await ApiResults.WriteJsonAsync(context.Response, new ProcessResponse { Models = models }, CorralJsonContext.Wire.ProcessResponse);
    }
}
