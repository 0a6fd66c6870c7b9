using Corral.Contracts.Runner;

namespace Corral.Engine.Tests;

[Collection(CpuMeasurementCollection.Name)]
public sealed class RunnerLifetimeTests
{
    private static EngineOptions Options => new()
    {
        ModelPath = Path.Combine(RepositoryPaths.Models, "llama-2-tiny-random.gguf"), ContextLength = 64, Parallel = 2, BatchSize = 16, Threads = 1,
    };

    [Fact]
    public async Task DisposingWhileStreamingEndsTheStreamWithAnErrorChunk()
    {
        var runner = await LlamaModelRunner.LoadAsync(Options, null, CancellationToken.None);
        var chunks = new List<CompletionChunk>();
        await foreach (var chunk in runner.CompleteAsync(new CompletionRequest { Prompt = "Go", NumPredict = 1_000_000 }, default))
        {
            chunks.Add(chunk);
            if (chunks.Count == 2)
            {
                await runner.DisposeAsync();
            }
        }

        Assert.NotNull(chunks[^1].Error);
        Assert.True(chunks[^1].Done);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => runner.GetStatusAsync(default));
    }

    [Fact]
    public async Task ProgressIsReportedAndIdleGenerationLoopDoesNotSpin()
    {
        var progress = new List<float>();
        await using var runner = await LlamaModelRunner.LoadAsync(Options, new RecordingProgress(progress), CancellationToken.None);
        Assert.Contains(1.0f, progress);

        var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(500);
        var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before;
        Assert.True(used < TimeSpan.FromMilliseconds(300), $"idle runner used {used.TotalMilliseconds} ms CPU in 500 ms");
    }

    private sealed class RecordingProgress(List<float> values) : IProgress<float>
    {
        public void Report(float value)
        {
            lock (values)
            {
                values.Add(value);
            }
        }
    }
}
