using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Corral.Cli.Tests.Infrastructure;

/// <summary>
/// A loopback Kestrel that answers <c>/api/pull</c> and <c>/api/push</c> with a fixed NDJSON progress script
/// (paced so a terminal sees several redraws), plus a model that exists only once pulled (<c>/api/show</c> 404 until
/// then, a one-word <c>/api/generate</c>). Pulling needs a registry; this isolates the CLI's side of progress and pull.
/// </summary>
public sealed class ScriptedProgressServer : IAsyncDisposable
{
    public const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly string[] Script =
    [
        """{"status":"pulling manifest"}""",
        $$"""{"status":"pulling 0123456789ab","digest":"{{Digest}}","total":2000000}""",
        $$"""{"status":"pulling 0123456789ab","digest":"{{Digest}}","total":2000000,"completed":1000000}""",
        $$"""{"status":"pulling 0123456789ab","digest":"{{Digest}}","total":2000000,"completed":2000000}""",
        """{"status":"verifying sha256 digest"}""",
        """{"status":"writing manifest"}""",
        """{"status":"success"}""",
    ];

    private readonly WebApplication _app;

    private ScriptedProgressServer(WebApplication app, string address)
    {
        _app = app;
        Host = address;
    }

    /// <summary>The OLLAMA_HOST value reaching this server.</summary>
    public string Host { get; }

    /// <summary>The Authorization header of the last progress request (the CLI sends OLLAMA_API_KEY as a bearer token).</summary>
    public string? LastAuthorization { get; private set; }

    private bool _pulled;

    public static async Task<ScriptedProgressServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        ScriptedProgressServer? server = null;
        app.MapMethods("/", ["HEAD", "GET"], () => "Ollama is running");
        app.MapPost("/api/pull", context => server!.WriteScriptAsync(context));
        app.MapPost("/api/push", context => server!.WriteScriptAsync(context));
        app.MapPost("/api/show", context => server!._pulled
            ? context.Response.WriteAsync("""{"capabilities":["completion"]}""")
            : Results.Json(new { error = "model 'some/model' not found" }, statusCode: 404).ExecuteAsync(context));
        app.MapPost("/api/generate", context => context.Response.WriteAsync(
            "{\"model\":\"some/model\",\"response\":\"hi\",\"done\":false}\n{\"model\":\"some/model\",\"response\":\"\",\"done\":true}\n"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server = new ScriptedProgressServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task WriteScriptAsync(HttpContext context)
    {
        LastAuthorization = context.Request.Headers.Authorization;
        context.Response.ContentType = "application/x-ndjson";
        foreach (var line in Script)
        {
            await context.Response.WriteAsync(line + "\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(150);
        }

        _pulled = true;
    }
}
