using Corral.Contracts.Runner;
using Corral.Engine;
using Corral.Native;

namespace Corral.Fixtures.Tests;

/// <summary>Loads a model in the real engine (one thread: the test machine is shared) and runs completions.</summary>
internal static class Engine
{
    public static SamplingParams Greedy { get; } = new() { Temperature = 0, RepeatPenalty = 1.0f };

    public static Task<LlamaModelRunner> LoadAsync(string path)
    {
        LlamaBackend.LogSink = null;
        return LlamaModelRunner.LoadAsync(
            new EngineOptions { ModelPath = path, ContextLength = 128, Parallel = 1, BatchSize = 64, Threads = 1 },
            null, CancellationToken.None);
    }

    public static async Task<(string Text, CompletionChunk Final)> CompleteAsync(IModelRunner runner, string prompt, int numPredict)
    {
        var text = new System.Text.StringBuilder();
        CompletionChunk? final = null;
        await foreach (var chunk in runner.CompleteAsync(
            new CompletionRequest { Prompt = prompt, Sampling = Greedy, NumPredict = numPredict }, CancellationToken.None))
        {
            text.Append(chunk.Content);
            final = chunk;
        }

        return (text.ToString(), final!);
    }
}
