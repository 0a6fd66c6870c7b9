using Corral.Server.Runners;
using Corral.Server.Scheduling;

namespace Corral.Server.Wiring;

/// <summary>
/// The scheduler's runner seam over real <c>corral runner</c> processes: one process per loaded model with the
/// request's load-time options (num_ctx per slot, num_batch, num_thread, use_mmap), the model's vision projector and the
/// configured slot count.
/// </summary>
public sealed class ProcessRunnerFactory(IRunnerLauncher launcher, TimeSpan loadTimeout) : IRunnerFactory
{
    public async Task<RunnerHandle> StartAsync(RunnerStartRequest request, CancellationToken cancellationToken)
    {
        var model = request.Model;
        if (model.ModelPath.Length == 0)
        {
            throw new RunnerLoadException($"model '{model.ShortName}' has no weights to load");
        }
        var options = request.Options;
        var runner = await launcher.StartAsync(new RunnerLaunchOptions
        {
            ModelPath = model.ModelPath,
            // libmtmd takes one mmproj, so the first projector layer is loaded (the scheduler logs any others).
            ProjectorPath = model.ProjectorPaths.Count > 0 ? model.ProjectorPaths[0] : null,
            ContextSize = options.NumCtx,
            Parallel = request.Parallel,
            BatchSize = options.NumBatch,
            Threads = options.NumThread,
            Embedding = model.Has("embedding"),
            UseMmap = options.UseMmap ?? false,
            LoadTimeout = loadTimeout,
        }, cancellationToken);
        return new RunnerHandle(runner, runner.Exited, WeightsSize(model.ModelPath), options.NumCtx);
    }

    // /api/ps "size": the weights file, which a CPU runner reads into memory (or maps, with use_mmap); the
    // runner does not report its KV allocation, so it is not guessed at.
    private static long WeightsSize(string modelPath) => new FileInfo(modelPath).Length;
}
