using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Corral.Contracts.Runner;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Corral.Runner;

/// <summary>
/// The runner's local protocol: <c>POST /completion</c> (NDJSON of <see cref="CompletionChunk"/>),
/// <c>POST /embedding</c>, <c>POST /tokenize</c>, <c>POST /detokenize</c>, <c>GET /status</c>.
/// </summary>
internal static class RunnerEndpoints
{
    private static readonly byte[] s_newline = "\n"u8.ToArray();

    private static readonly Func<IModelRunner, EmbeddingRequest, CancellationToken, Task<EmbeddingResponse>> s_embed =
        (runner, request, ct) => runner.EmbedAsync(request, ct);

    private static readonly Func<IModelRunner, TokenizeRequest, CancellationToken, Task<TokenizeResponse>> s_tokenize =
        (runner, request, ct) => runner.TokenizeAsync(request, ct);

    private static readonly Func<IModelRunner, DetokenizeRequest, CancellationToken, Task<DetokenizeResponse>> s_detokenize =
        (runner, request, ct) => runner.DetokenizeAsync(request, ct);

    public static void Map(WebApplication app, ModelHolder holder)
    {
        var json = RunnerJsonContext.Default;
        app.MapGet("/status", context => StatusAsync(context, holder));
        app.MapPost("/completion", context => CompleteAsync(context, holder));
        app.MapPost("/embedding", context => CallAsync(context, holder, json.EmbeddingRequest, json.EmbeddingResponse, s_embed));
        app.MapPost("/tokenize", context => CallAsync(context, holder, json.TokenizeRequest, json.TokenizeResponse, s_tokenize));
        app.MapPost("/detokenize", context => CallAsync(context, holder, json.DetokenizeRequest, json.DetokenizeResponse, s_detokenize));
    }

    private static async Task StatusAsync(HttpContext context, ModelHolder holder)
    {
        var status = holder.Runner switch
        {
            { } runner => await runner.GetStatusAsync(context.RequestAborted) with { State = "ready" },
            null when holder.Error is { } error => new RunnerStatus { State = "error", Error = error },
            null => new RunnerStatus { State = "loading", LoadProgress = holder.Progress },
        };
        await context.Response.WriteAsJsonAsync(status, RunnerJsonContext.Default.RunnerStatus,
            cancellationToken: context.RequestAborted);
    }

    private static async Task CompleteAsync(HttpContext context, ModelHolder holder)
    {
        var ct = context.RequestAborted;
        var request = await ReadAsync(context, holder, RunnerJsonContext.Default.CompletionRequest);
        if (request is null)
        {
            return;
        }

        await using var chunks = holder.Runner!.CompleteAsync(request, ct).GetAsyncEnumerator(ct);
        bool more;
        try
        {
            more = await chunks.MoveNextAsync();
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Nothing sent yet: the failure is the response's status (DESIGN: errors before the first byte).
            await RunnerErrors.WriteAsync(context, ex);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        var body = context.Response.BodyWriter;
        using var writer = new Utf8JsonWriter(body);
        async Task WriteLineAsync(CompletionChunk chunk)
        {
            writer.Reset(body);
            JsonSerializer.Serialize(writer, chunk, RunnerJsonContext.Default.CompletionChunk);
            writer.Flush();
            body.Write(s_newline);
            await body.FlushAsync(ct);
        }

        try
        {
            while (more)
            {
                await WriteLineAsync(chunks.Current);
                try
                {
                    more = await chunks.MoveNextAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // The stream has started: the failure becomes its last line.
                    RunnerErrors.Log(context, ex);
                    await WriteLineAsync(new CompletionChunk { Done = true, Error = ex.Message });
                    more = false;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The server went away; disposing the enumerator (above) frees the slot.
        }
    }

    private static async Task CallAsync<TRequest, TResponse>(HttpContext context, ModelHolder holder,
        JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo,
        Func<IModelRunner, TRequest, CancellationToken, Task<TResponse>> call)
        where TRequest : class
    {
        var request = await ReadAsync(context, holder, requestInfo);
        if (request is null)
        {
            return;
        }

        TResponse response;
        try
        {
            response = await call(holder.Runner!, request, context.RequestAborted);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            await RunnerErrors.WriteAsync(context, ex);
            return;
        }

        await context.Response.WriteAsJsonAsync(response, responseInfo, cancellationToken: context.RequestAborted);
    }

    /// <summary>Reads the body once the model is ready; otherwise (or on bad JSON) answers the error and returns null.</summary>
    private static async Task<T?> ReadAsync<T>(HttpContext context, ModelHolder holder, JsonTypeInfo<T> info)
        where T : class
    {
        if (holder.Runner is null)
        {
            var (status, message) = holder.Error is { } error
                ? (StatusCodes.Status500InternalServerError, error)
                : (StatusCodes.Status503ServiceUnavailable, "model is still loading");
            await RunnerErrors.WriteAsync(context.Response, status, message);
            return null;
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, info, context.RequestAborted);
            if (body is not null)
            {
                return body;
            }

            await RunnerErrors.WriteAsync(context.Response, StatusCodes.Status400BadRequest, "missing request body");
        }
        catch (JsonException ex)
        {
            await RunnerErrors.WriteAsync(context.Response, StatusCodes.Status400BadRequest, $"invalid request body: {ex.Message}");
        }

        return null;
    }
}
