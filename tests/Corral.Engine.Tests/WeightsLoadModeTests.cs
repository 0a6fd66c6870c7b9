using Corral.Contracts.Runner;
using Corral.Engine;

namespace Corral.Engine.Tests;

/// <summary>Ollama's <c>use_mmap</c>: the weights are read into the runner's memory unless mapping is asked for.</summary>
public sealed class WeightsLoadModeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheModelFileIsMappedOnlyWhenUseMmapIsOn(bool useMmap)
    {
        // A private copy, so no other test's mapping of the shared fixture can show up in this process's maps.
        var path = Path.Combine(Path.GetTempPath(), $"corral-load-mode-{Guid.NewGuid():N}.gguf");
        File.Copy(Path.Combine(RepositoryPaths.Models, "llama-2-tiny-random.gguf"), path);
        try
        {
            await using (var runner = await LlamaModelRunner.LoadAsync(new EngineOptions
            {
                ModelPath = path, ContextLength = 64, Parallel = 1, Threads = 1, UseMmap = useMmap,
            }, null, CancellationToken.None))
            {
                var result = await Completions.RunAsync(runner, new CompletionRequest
                {
                    Prompt = "hello", Sampling = Completions.Greedy, NumPredict = 4,
                });

                Assert.Equal(4, result.Final.EvalCount);
                Assert.Equal(useMmap, File.ReadLines("/proc/self/maps").Any(line => line.EndsWith(path, StringComparison.Ordinal)));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
