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

        // Only the loop threads are measured: the whole process's CPU time also counts JIT, GC and other test
        // classes' runners winding down, which made this flaky on a loaded machine. A spinning loop would use the
        // whole second.
        var before = EngineLoopCpu();
        await Task.Delay(1000);
        var used = EngineLoopCpu() - before;
        Assert.True(used < TimeSpan.FromMilliseconds(250), $"idle engine loop used {used.TotalMilliseconds} ms CPU in 1 s");
    }

    /// <summary>CPU time of this process's engine loop threads ("corral-engine-loop", cut to 15 characters by Linux).</summary>
    private static TimeSpan EngineLoopCpu()
    {
        var ticks = 0L;
        var threads = 0;
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith("corral-engine", StringComparison.Ordinal))
                {
                    continue;
                }
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]); // utime and stime, fields 14 and 15
                threads++;
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        Assert.True(threads > 0, "no engine loop thread found");
        return TimeSpan.FromMilliseconds(ticks * 10.0); // USER_HZ is 100 on Linux
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
