using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Corral.Store.Registry;
using Microsoft.AspNetCore.Http;

namespace Corral.Registry.Tests;

/// <summary>
/// A hostile or unusual registry on loopback Kestrel: serves whatever manifests and blob bytes a test puts in, with
/// Range support, and records every request with its Authorization header. <see cref="Intercept"/> lets a test
/// answer a request itself (challenges, redirects, failures).
/// </summary>
internal sealed class FakeRegistry : IAsyncDisposable
{
    private LoopbackServer? _server;
    private readonly ConcurrentQueue<(string Method, string Path, string? Authorization)> _requests = new();

    public ConcurrentDictionary<string, byte[]> Manifests { get; } = new();

    public ConcurrentDictionary<string, byte[]> Blobs { get; } = new();

    /// <summary>Returns true when it answered the request.</summary>
    public Func<HttpContext, Task<bool>>? Intercept { get; set; }

    public bool IgnoreRange { get; set; }

    public IReadOnlyList<(string Method, string Path, string? Authorization)> Requests => _requests.ToList();

    public string Host => _server!.Host;

    public Uri BaseUri => _server!.BaseUri;

    public static async Task<FakeRegistry> StartAsync(string address = "127.0.0.1")
    {
        var registry = new FakeRegistry();
        registry._server = await LoopbackServer.StartAsync(registry.HandleAsync, address);
        return registry;
    }

    public RegistryReference Reference(string tag = "latest") => new(null, Host, "corral", "fake", tag);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        _requests.Enqueue((context.Request.Method, path + context.Request.QueryString,
            context.Request.Headers.Authorization.FirstOrDefault()));
        if (Intercept is { } intercept && await intercept(context))
            return;
        if (path.Contains("/manifests/") && Manifests.TryGetValue(path.Split("/manifests/")[1], out var manifest))
        {
            context.Response.ContentType = RegistryManifest.DockerMediaType;
            await context.Response.Body.WriteAsync(manifest);
            return;
        }
        if (path.Contains("/blobs/") && Blobs.TryGetValue(path.Split("/blobs/")[1], out var blob))
        {
            await ServeBlobAsync(context, blob);
            return;
        }
        context.Response.StatusCode = 404;
    }

    private async Task ServeBlobAsync(HttpContext context, byte[] blob)
    {
        var range = IgnoreRange ? null : RangeHeaderValue.Parse(context.Request.Headers.Range.FirstOrDefault() ?? "bytes=0-")
            .Ranges.Single();
        var from = range?.From ?? 0;
        var to = Math.Min(range?.To ?? blob.Length - 1, blob.Length - 1);
        if (range is not null && (from != 0 || to != blob.Length - 1))
        {
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {from}-{to}/{blob.Length}";
        }
        context.Response.ContentLength = to - from + 1;
        if (context.Request.Method == "GET")
            await context.Response.Body.WriteAsync(blob.AsMemory((int)from, (int)(to - from + 1)));
    }
}
