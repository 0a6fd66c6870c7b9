using Corral.Native;

namespace Corral.Engine.Tests;

/// <summary>
/// The Llama-3 BPE fixture (rand-tiny-f16.gguf) loaded once per test class: 4 slots of 256 tokens. One thread:
/// the test machine is shared by several builds, and ggml's spinning thread barrier collapses when oversubscribed.
/// </summary>
public sealed class Llama3ModelFixture : IAsyncLifetime
{
    public static string ModelPath => Path.Combine(RepositoryPaths.Models, "rand-tiny-f16.gguf");

    public LlamaModelRunner Runner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        LlamaBackend.LogSink = null;
        Runner = await LlamaModelRunner.LoadAsync(
            new EngineOptions { ModelPath = ModelPath, ContextLength = 256, Parallel = 4, BatchSize = 64, Threads = 1 },
            null, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Runner.DisposeAsync();

    /// <summary>A runner of the test's own on this model (one thread, like the fixture), for tests whose counters
    /// or KV cells must start clean.</summary>
    public static Task<LlamaModelRunner> LoadOwnAsync(int contextLength, int parallel, int batchSize) =>
        LlamaModelRunner.LoadAsync(
            new EngineOptions { ModelPath = ModelPath, ContextLength = contextLength, Parallel = parallel, BatchSize = batchSize, Threads = 1 },
            null, CancellationToken.None);
}
