using Corral.Contracts.Ollama;
using Corral.Server.Models;

namespace Corral.Server.Scheduling;

/// <summary>Scheduler state of one loaded runner. Mutated only under the scheduler's lock (except the slots).</summary>
internal sealed class LoadedModel(CatalogModel model, Options options, RunnerHandle handle, int parallel, Duration keepAlive)
{
    public CatalogModel Model { get; } = model;

    public Options Options { get; } = options;

    public RunnerHandle Handle { get; } = handle;

    public SemaphoreSlim Slots { get; } = new(parallel, parallel);

    /// <summary>Requests holding or waiting for a slot.</summary>
    public int References { get; set; }

    public Duration KeepAlive { get; set; } = keepAlive;

    /// <summary>When the idle timer fires; null while busy.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    public ITimer? ExpiryTimer { get; set; }

    /// <summary>Bumped whenever the expiry changes, so a stale timer callback does nothing.</summary>
    public int ExpiryGeneration { get; set; }

    public bool Unloaded { get; set; }

    public void CancelExpiry()
    {
        ExpiryTimer?.Dispose();
        ExpiryTimer = null;
        ExpiresAt = null;
        ExpiryGeneration++;
    }
}
