using System.Text;
using System.Text.Json.Serialization.Metadata;
using Corral.Contracts.Runner;
using Corral.Server.Http;
using Corral.Server.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Endpoints;

/// <summary>
/// Runs one completion on a leased runner and answers as NDJSON (one line per chunk) or, with
/// <c>"stream": false</c>, as one object holding the concatenated text and logprobs and the final metrics.
/// <c>toResponse</c> returns null for a streamed chunk with nothing visible (Ollama suppresses those); it
/// must answer the final chunk.
/// </summary>
internal static class CompletionStreaming
{
    public static async Task RunAsync<T>(HttpContext context, bool stream, SchedulerLease lease, CompletionRequest request,
        Func<CompletionChunk, T?> toResponse, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var cancellationToken = context.RequestAborted;
        var writer = new NdjsonWriter(context.Response);
        var collected = new List<CompletionChunk>();
        try
        {
            await foreach (var chunk in lease.Runner.CompleteAsync(request, cancellationToken))
            {
                if (chunk.Error is { } message)
                {
                    await writer.WriteErrorAsync(new ApiError(500, message), cancellationToken);
                    return;
                }
                if (stream && toResponse(chunk) is { } line)
                {
                    await writer.WriteLineAsync(line, typeInfo, cancellationToken);
                }
                else
                {
                    collected.Add(chunk);
                }
                if (chunk.Done)
                {
                    ReportTruncation(context, chunk);
                    break;
                }
            }
            if (!stream)
            {
                await ApiResults.WriteJsonAsync(context.Response, toResponse(Combine(collected))!, typeInfo);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; cancelling the enumeration already freed the runner slot.
        }
        catch (ArgumentException error) when (!writer.Started)
        {
            // The runner answered 400 (RunnerClient): its input check failed (an image that is no image, a tag
            // naming a missing image, a prompt too long for the context), so the client gets the 400 and its text.
            await writer.WriteErrorAsync(new ApiError(400, error.Message), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            await writer.WriteErrorAsync(lease.RunnerExited ? ApiErrors.RunnerStopped : new ApiError(500, error.Message), cancellationToken);
        }
    }

    // Ollama truncates prompts silently (ollama#17427); Corral says so in the server log.
    private static void ReportTruncation(HttpContext context, CompletionChunk final)
    {
        if (final.TruncatedPromptTokens > 0)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Corral.Server.Completion")
                .LogWarning("prompt did not fit the context: dropped {Dropped} tokens after num_keep, evaluated {Kept}",
                    final.TruncatedPromptTokens, final.PromptEvalCount + final.CachedPromptTokens);
        }
    }

    // Ollama's non-stream answer: the last chunk with all text and logprobs concatenated.
    private static CompletionChunk Combine(List<CompletionChunk> chunks)
    {
        if (chunks.Count == 0)
        {
            return new CompletionChunk { Done = true };
        }
        var text = new StringBuilder();
        var logprobs = new List<TokenLogprob>();
        foreach (var chunk in chunks)
        {
            text.Append(chunk.Content);
            logprobs.AddRange(chunk.Logprobs ?? []);
        }
        return chunks[^1] with { Content = text.ToString(), Logprobs = logprobs.Count > 0 ? logprobs : null };
    }
}
