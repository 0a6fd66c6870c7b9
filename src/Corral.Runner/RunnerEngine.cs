using Corral.Contracts.Runner;
using Corral.Engine;

namespace Corral.Runner;

/// <summary>
/// The real-engine wiring of <c>corral runner</c>: the single place where Corral.Engine's model is created.
/// </summary>
public static class RunnerEngine
{
    public static async Task<IModelRunner> LoadAsync(RunnerOptions options, IProgress<float> progress, CancellationToken cancellationToken) =>
        await LlamaModelRunner.LoadAsync(new EngineOptions
        {
            ModelPath = options.ModelPath,
            ProjectorPath = options.ProjectorPath,
            ContextLength = options.ContextSize,
            Parallel = options.Parallel,
            BatchSize = options.BatchSize,
            Threads = options.Threads,
            Embedding = options.Embedding,
            UseMmap = options.UseMmap,
        }, progress, cancellationToken);
}
