using Corral.Contracts.Runner;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Corral.Runner;

/// <summary>
/// Owns the one model of this runner process: starts loading it when the host starts (so /status answers
/// "loading" at once, like Ollama's runner) and disposes it when the host stops.
/// </summary>
internal sealed class ModelHolder(
    RunnerOptions options,
    ModelLoader factory,
    ILogger<ModelHolder> logger) : IHostedService, IProgress<float>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _load;
    private IModelRunner? _runner;
    private string? _error;
    private float _progress;

    /// <summary>The loaded model, or null while loading or after a failed load.</summary>
    public IModelRunner? Runner => Volatile.Read(ref _runner);

    public string? Error => Volatile.Read(ref _error);

    /// <summary>Load progress, 0..1, as last reported by the loader.</summary>
    public float Progress => Volatile.Read(ref _progress);

    public void Report(float value) => Volatile.Write(ref _progress, value);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _load = LoadAsync();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        if (_load is not null)
        {
            try
            {
                await _load.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The process is exiting anyway; a load that ignores cancellation must not hold it up.
                logger.LogWarning("model load did not stop within the shutdown timeout");
                return;
            }
        }

        if (_runner is not null)
        {
            await _runner.DisposeAsync();
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task LoadAsync()
    {
        // Yield so the host finishes starting (and the socket listens) while the model loads.
        await Task.Yield();
        try
        {
            logger.LogInformation("loading model {Path}", options.ModelPath);
            var runner = await factory(options, this, _stopping.Token);
            Volatile.Write(ref _runner, runner);
            logger.LogInformation("model loaded");
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            Volatile.Write(ref _error, "runner stopped while loading");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "error loading model {Path}", options.ModelPath);
            Volatile.Write(ref _error, ex.Message);
        }
    }
}
