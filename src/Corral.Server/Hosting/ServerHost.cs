using System.Net;
using Corral.Server.Anthropic;
using Corral.Server.Endpoints;
using Corral.Server.OpenAI;
using Corral.Server.Scheduling;
using Corral.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Hosting;

/// <summary>Builds the Kestrel application serving Ollama's native API (reference section 1.1).</summary>
public static class ServerHost
{
    public static WebApplication Build(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        ServerLogging.Configure(builder.Logging, options.Config);
        var certificate = options.Config.Tls?.Load();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var host = options.Config.Host;
            Action<ListenOptions> listen = certificate is null ? _ => { } : endpoint => endpoint.UseHttps(certificate);
            if (host.Host.Length == 0)
            {
                kestrel.ListenAnyIP(host.Port, listen);
            }
            else if (IPAddress.TryParse(host.Host, out var address))
            {
                kestrel.Listen(address, host.Port, listen);
            }
            else if (host.IsLoopback)
            {
                kestrel.ListenLocalhost(host.Port, listen);
            }
            else
            {
                kestrel.Listen(Dns.GetHostAddresses(host.Host)[0], host.Port, listen);
            }
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.Config.Limits.MaxRequestBytes;
        });
        builder.Services.AddSingleton(options.Config);
        builder.Services.AddSingleton(options.Catalog);
        builder.Services.AddSingleton(options.Renderer);
        builder.Services.AddSingleton(options.Grammars);
        builder.Services.AddSingleton(options.OutputParsers);
        builder.Services.AddSingleton(options.RunnerFactory);
        builder.Services.AddSingleton(options.Time);
        builder.Services.AddSingleton<Scheduler>();
        builder.Services.AddSingleton(new CorsPolicy(options.Config.Origins));

        var app = builder.Build();
        WarnIfExposed(app.Logger, options.Config);
        app.UseStatusCodePages(WriteRouterStatusAsync);
        app.UseMiddleware<ErrorBodyMiddleware>();
        app.UseMiddleware<CorsMiddleware>();
        app.UseMiddleware<HostGuardMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseMiddleware<RequestLimitsMiddleware>();
        MapRoutes(app);
        return app;
    }

    // Tutorials set OLLAMA_HOST=0.0.0.0 and hundreds of thousands of open servers followed: say loudly what that exposes.
    private static void WarnIfExposed(ILogger logger, ServerConfig config)
    {
        if (config.Host.IsLoopback)
        {
            return;
        }
        if (config.ApiKeys.IsEmpty)
        {
            logger.LogWarning("WARNING: listening on {Host}, which is not a loopback address, WITHOUT API KEYS: anyone who can reach it can run, " +
                "create, pull, push and delete models. Set CORRAL_API_KEYS or CORRAL_API_KEYS_FILE, or bind OLLAMA_HOST to 127.0.0.1", config.Host);
        }
        else if (config.Tls is null)
        {
            logger.LogWarning("listening on {Host} without TLS: API keys cross the network in clear text; set CORRAL_TLS_CERT and CORRAL_TLS_KEY",
                config.Host);
        }
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], StatusEndpoints.RootAsync);
        app.MapMethods("/api/version", [HttpMethods.Get, HttpMethods.Head], StatusEndpoints.VersionAsync);
        app.MapPost("/api/generate", GenerateEndpoint.HandleAsync);
        app.MapPost("/api/chat", ChatEndpoint.HandleAsync);
        app.MapPost("/api/embed", EmbedEndpoint.HandleAsync);
        app.MapPost("/api/embeddings", EmbeddingsEndpoint.HandleAsync);
        app.MapPost("/api/create", TransferEndpoints.CreateAsync);
        app.MapPost("/api/pull", TransferEndpoints.PullAsync);
        app.MapPost("/api/push", TransferEndpoints.PushAsync);
        app.MapMethods("/api/blobs/{digest}", [HttpMethods.Head], (HttpContext context, string digest) => BlobEndpoints.HeadAsync(context, digest));
        app.MapPost("/api/blobs/{digest}", (HttpContext context, string digest) => BlobEndpoints.PostAsync(context, digest));
        app.MapMethods("/api/tags", [HttpMethods.Get, HttpMethods.Head], ModelEndpoints.ListAsync);
        app.MapPost("/api/show", ModelEndpoints.ShowAsync);
        app.MapPost("/api/copy", ModelEndpoints.CopyAsync);
        app.MapDelete("/api/delete", ModelEndpoints.DeleteAsync);
        app.MapGet("/api/ps", StatusEndpoints.PsAsync);
        app.MapOpenAI();
        app.MapAnthropic();
    }

    // gin's router answers with plain text: "404 page not found" and (HandleMethodNotAllowed) "405 method not allowed".
    private static Task WriteRouterStatusAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var text = response.StatusCode switch
        {
            404 => "404 page not found",
            405 => "405 method not allowed",
            _ => null,
        };
        // A 404 from one of our endpoints (e.g. HEAD of a missing blob) is not the router's "page not found".
        if (text is null || (response.StatusCode == 404 && context.HttpContext.GetEndpoint() is not null))
        {
            return Task.CompletedTask;
        }
        response.ContentType = "text/plain";
        return response.WriteAsync(text);
    }
}
