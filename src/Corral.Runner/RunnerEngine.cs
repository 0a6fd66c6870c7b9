using Corral.Contracts.Runner;

namespace Corral.Runner;

/// <summary>
/// The real-engine wiring of <c>corral runner</c>: the single place where Corral.Engine's model is created.
/// </summary>
public static class RunnerEngine
{
    /// <summary>Loads <see cref="RunnerOptions.ModelPath"/> with the engine. Until Corral.Engine's model type is
    /// merged this reports that the build has no engine, which the runner serves as its load error.</summary>
    public static Task<IModelRunner> LoadAsync(RunnerOptions options, IProgress<float> progress, CancellationToken cancellationToken) =>
        Task.FromException<IModelRunner>(new NotSupportedException(
            $"cannot load {options.ModelPath}: this build of corral has no inference engine"));
}
