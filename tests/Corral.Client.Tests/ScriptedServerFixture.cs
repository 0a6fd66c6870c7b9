using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Client.Tests;

/// <summary>
/// A real Kestrel on 127.0.0.1 port 0 answering with scripted, byte-exact Ollama responses. Each test gets its
/// own <see cref="Script"/> under a unique path prefix, so tests run in parallel against one server.
/// </summary>
public sealed class ScriptedServerFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Script> _scripts = new();
    private WebApplication? _app;
    private int _next;

    public Uri Root { get; private set; } = null!;

    /// <summary>A fresh script whose <see cref="Script.BaseUri"/> is the server root for one test.</summary>
    public Script NewScript()
    {
        var prefix = "t" + Interlocked.Increment(ref _next);
        var script = new Script(new Uri(Root, prefix + "/"));
        _scripts[prefix] = script;
        return script;
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.Run(DispatchAsync);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Root = new Uri(address + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private async Task DispatchAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var slash = path.IndexOf('/', 1);
        var prefix = slash < 0 ? path[1..] : path[1..slash];
        if (_scripts.TryGetValue(prefix, out var script))
        {
            await script.HandleAsync(context, slash < 0 ? "/" : path[slash..]);
            return;
        }
        context.Response.StatusCode = 404;
        await context.Response.WriteAsync("404 page not found");
    }
}
