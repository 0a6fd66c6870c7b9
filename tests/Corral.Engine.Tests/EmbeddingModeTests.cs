using System.Diagnostics;
using Corral.Contracts.Runner;

namespace Corral.Engine.Tests;

/// <summary>EngineOptions.Embedding: no generation context; a model without pooling of its own gets MEAN pooling.</summary>
[Collection(CpuMeasurementCollection.Name)]
public sealed class EmbeddingModeTests
{
    [Fact]
    public async Task EmbeddingRunnerEmbedsButRefusesGeneration()
    {
        await using var runner = await LlamaModelRunner.LoadAsync(new EngineOptions
        {
            ModelPath = Path.Combine(RepositoryPaths.Models, "llama-2-tiny-random.gguf"), ContextLength = 64, Embedding = true, Threads = 1,
        }, null, CancellationToken.None);

        var response = await runner.EmbedAsync(new EmbeddingRequest { Inputs = ["hello", "hello"] }, default);
        Assert.Equal(response.Embeddings[0], response.Embeddings[1]);
        Assert.True(response.PromptEvalCount >= 2);

        // The idle loop thread must block, not spin, when there are no slots to feed.
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(500);
        var used = Process.GetCurrentProcess().TotalProcessorTime - before;
        Assert.True(used < TimeSpan.FromMilliseconds(300), $"idle runner used {used.TotalMilliseconds} ms CPU in 500 ms");

        var status = await runner.GetStatusAsync(default);
        Assert.Empty(status.Slots);
        Assert.Equal(0, status.Parallel);

        var error = await Assert.ThrowsAsync<EngineRequestException>(() =>
            Completions.RunAsync(runner, new CompletionRequest { Prompt = "hi", NumPredict = 1 }));
        Assert.Contains("does not support generate", error.Message);
    }
}
