using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Corral.Registry.Tests;

/// <summary>
/// A forwarding proxy in front of a real registry that counts the blob bytes it serves, records the ranges asked
/// for, and can drop the connection of the first blob response after a number of bytes.
/// </summary>
internal sealed class DroppingProxy : IAsyncDisposable
{
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });
    private readonly Uri _target;
    private readonly ConcurrentQueue<string> _requests = new();
    private LoopbackServer? _server;
    private long _blobBytes;
    private int _dropArmed;

    private DroppingProxy(Uri target) => _target = target;

    public string Host => _server!.Host;

    public Uri BaseUri => _server!.BaseUri;

    public long BlobBytesServed => Interlocked.Read(ref _blobBytes);

    /// <summary>"METHOD path [Range]" of every request seen.</summary>
    public IReadOnlyList<string> Requests => _requests.ToList();

    /// <summary>Digest whose next blob response is cut after <see cref="DropAfterBytes"/> bytes.</summary>
    public string? DropDigest { get; set; }

    public long DropAfterBytes { get; set; }

    /// <summary>Answers 503 instead of forwarding when it returns true ("METHOD path" is passed).</summary>
    public Func<string, bool>? FailWith503 { get; set; }

    public static async Task<DroppingProxy> StartAsync(Uri target)
    {
        var proxy = new DroppingProxy(target);
        proxy._server = await LoopbackServer.StartAsync(proxy.ForwardAsync);
        return proxy;
    }

    public void ArmDrop() => Interlocked.Exchange(ref _dropArmed, 1);

    public void ResetCounters()
    {
        Interlocked.Exchange(ref _blobBytes, 0);
        _requests.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var path = context.Request.Path + context.Request.QueryString;
        _requests.Enqueue($"{context.Request.Method} {path} {context.Request.Headers.Range}".TrimEnd());
        if (FailWith503?.Invoke($"{context.Request.Method} {context.Request.Path}") == true)
        {
            context.Response.StatusCode = 503;
            return;
        }
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, path));
        foreach (var name in new[] { "Range", "Accept", "Authorization" })
            if (context.Request.Headers.TryGetValue(name, out var value))
                request.Headers.TryAddWithoutValidation(name, value.ToArray());
        // The registry builds upload locations from Host: keep the client's so they point back through us.
        request.Headers.Host = context.Request.Host.Value;
        if (context.Request.ContentLength is not null || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
            foreach (var name in new[] { "Content-Type", "Content-Range", "Content-Length" })
                if (context.Request.Headers.TryGetValue(name, out var value))
                    request.Content.Headers.TryAddWithoutValidation(name, value.ToArray());
        }
        using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead,
            context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
            if (header.Key != "Transfer-Encoding")
                context.Response.Headers[header.Key] = header.Value.ToArray();

        var isBlob = context.Request.Method == "GET" && context.Request.Path.Value!.Contains("/blobs/sha256:");
        var drop = isBlob && DropDigest is { } digest && context.Request.Path.Value!.EndsWith(digest)
                   && Interlocked.Exchange(ref _dropArmed, 0) == 1;
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        var buffer = new byte[16 * 1024];
        long sent = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            if (drop && sent + read >= DropAfterBytes)
            {
                var part = (int)(DropAfterBytes - sent);
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, part));
                await context.Response.Body.FlushAsync();
                if (isBlob)
                    Interlocked.Add(ref _blobBytes, part);
                context.Abort();
                return;
            }
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
            sent += read;
            if (isBlob)
                Interlocked.Add(ref _blobBytes, read);
        }
    }
}
