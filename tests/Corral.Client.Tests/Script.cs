using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Corral.Client.Tests;

/// <summary>
/// One test's conversation with the scripted server: its own base URI (a unique path prefix on the shared
/// server), the replies to give in order and the requests received.
/// </summary>
public sealed class Script
{
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _replies = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    public Script(Uri baseUri)
    {
        BaseUri = baseUri;
    }

    /// <summary>Give this to the client under test.</summary>
    public Uri BaseUri { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Completes when the server sees the client abort a request (cancellation reached the wire).</summary>
    public TaskCompletionSource ClientAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A whole body with a status, as Ollama's non-streaming handlers answer.</summary>
    public Script Reply(int status, string body, string contentType = "application/json; charset=utf-8") =>
        Enqueue(async context =>
        {
            context.Response.StatusCode = status;
            if (body.Length > 0)
            {
                context.Response.ContentType = contentType;
                await context.Response.WriteAsync(body, context.RequestAborted);
            }
        });

    /// <summary>NDJSON lines flushed one by one, as Ollama's streaming handlers write them.</summary>
    public Script ReplyLines(params string[] lines) => Enqueue(context => WriteLinesAsync(context, lines));

    /// <summary>Some lines, then the stream stays open until the client goes away.</summary>
    public Script ReplyLinesThenHang(params string[] lines) =>
        Enqueue(async context =>
        {
            await WriteLinesAsync(context, lines);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                ClientAborted.TrySetResult();
            }
        });

    internal async Task HandleAsync(HttpContext context, string path)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new RecordedRequest(context.Request.Method, path, headers, body.ToArray()));
        if (_replies.TryDequeue(out var reply))
        {
            await reply(context);
        }
        else
        {
            context.Response.StatusCode = 599;
            await context.Response.WriteAsync($"no scripted reply for {context.Request.Method} {path}");
        }
    }

    private Script Enqueue(Func<HttpContext, Task> reply)
    {
        _replies.Enqueue(reply);
        return this;
    }

    private static async Task WriteLinesAsync(HttpContext context, string[] lines)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-ndjson";
        foreach (var line in lines)
        {
            await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
    }
}
