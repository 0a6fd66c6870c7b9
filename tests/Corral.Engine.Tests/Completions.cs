using Corral.Contracts.Runner;

namespace Corral.Engine.Tests;

/// <summary>Runs a completion to the end and gathers what the stream carried.</summary>
internal static class Completions
{
    public static SamplingParams Greedy { get; } = new() { Temperature = 0, RepeatPenalty = 1.0f };

    public static async Task<Result> RunAsync(IModelRunner runner, CompletionRequest request, CancellationToken cancellationToken = default)
    {
        var text = new System.Text.StringBuilder();
        var chunks = new List<CompletionChunk>();
        await foreach (var chunk in runner.CompleteAsync(request, cancellationToken))
        {
            chunks.Add(chunk);
            text.Append(chunk.Content);
        }

        return new Result(text.ToString(), chunks, chunks[^1]);
    }

    public sealed record Result(string Text, List<CompletionChunk> Chunks, CompletionChunk Final);
}
