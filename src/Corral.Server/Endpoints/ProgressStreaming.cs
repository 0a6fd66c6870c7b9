using Corral.Contracts;
using Corral.Contracts.Ollama;
using Corral.Server.Http;
using Corral.Server.Models;

namespace Corral.Server.Endpoints;

/// <summary>
/// Answers create/pull/push: NDJSON progress lines, or with <c>"stream": false</c> only the last progress
/// object (Ollama returns just <c>{"status":"success"}</c>); an error carries its status when nothing was sent.
/// </summary>
internal static class ProgressStreaming
{
    public static async Task RunAsync(HttpContext context, bool stream, IAsyncEnumerable<ProgressUpdate> updates)
    {
        var cancellationToken = context.RequestAborted;
        var writer = new NdjsonWriter(context.Response);
        ProgressResponse? last = null;
        try
        {
            await foreach (var update in updates.WithCancellation(cancellationToken))
            {
                if (update.Error is { } error)
                {
                    await writer.WriteErrorAsync(error, cancellationToken);
                    return;
                }
                last = update.Progress!;
                if (stream)
                {
                    await writer.WriteLineAsync(last, CorralJsonContext.Wire.ProgressResponse, cancellationToken);
                }
            }
            if (!stream && last is not null)
            {
                await ApiResults.WriteJsonAsync(context.Response, last, CorralJsonContext.Wire.ProgressResponse);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; the catalog stops at its next await.
        }
    }
}
