using Corral.Contracts.Ollama;
using Corral.Server.Hosting;
using Corral.Server.Http;
using Corral.Server.Models;
using Microsoft.Extensions.Logging;

namespace Corral.Server.Scheduling;

/// <summary>
/// Loads models on first use and shares them (reference section 6, Ollama's <c>server/sched.go</c>): one runner
/// per model path with <c>OLLAMA_NUM_PARALLEL</c> slots, at most <c>OLLAMA_MAX_LOADED_MODELS</c> runners (idle
/// ones evicted, shortest keep-alive first), keep-alive timers on a <see cref="TimeProvider"/>, at most
/// <c>OLLAMA_MAX_QUEUE</c> waiting requests (503 beyond), 499 when a waiting client gives up, reload only when
/// a load-time option or the projector set changes, and a runner that exits is forgotten so the next request loads it again.
/// </summary>
public sealed class Scheduler(IRunnerFactory factory, ServerConfig config, TimeProvider time, ILogger<Scheduler> logger) : IAsyncDisposable
{
    // Go's time.Now().Add(math.MaxInt64): "forever" shows as a date around 2318 in /api/ps.
    private static readonly TimeSpan _forever = TimeSpan.FromTicks(long.MaxValue / 100);

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, LoadedModel> _loaded = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();
    private int _waiting;

    /// <summary>Requests currently waiting for a load or a slot (for tests and diagnostics).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for a slot of <paramref name="model"/> loaded with <paramref name="options"/>, loading it if needed.</summary>
    public async Task<(SchedulerLease? Lease, ApiError? Error)> AcquireAsync(CatalogModel model, Options options, Duration? keepAlive,
        CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _waiting) > config.MaxQueue)
        {
            Interlocked.Decrement(ref _waiting);
            return (null, ApiErrors.QueueFull);
        }
        try
        {
            var (entry, loadDuration, error) = await ReserveAsync(model, LoadOptions(model, options), keepAlive, cancellationToken);
            if (entry is null)
            {
                return (null, error);
            }
            try
            {
                await entry.Slots.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await ReleaseAsync(entry, holdsSlot: false);
                throw;
            }
            return (new SchedulerLease(this, entry, loadDuration), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (null, ApiErrors.RequestCanceled);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    /// <summary>
    /// The options a runner is loaded and reused with, as Ollama's scheduler sets them: at least 4 tokens of context,
    /// and at least 2048 for a vision model (one image alone can take hundreds of positions). Only the load sees
    /// this; the request keeps its own num_ctx for history truncation, as in Ollama.
    /// </summary>
    private static Options LoadOptions(CatalogModel model, Options options)
    {
        var minimum = model.Has("vision") ? 2048 : 4;
        return options.NumCtx < minimum ? options with { NumCtx = minimum } : options;
    }

    /// <summary>Unloads <paramref name="model"/> as soon as it is idle (<c>keep_alive: 0</c> with an empty prompt).</summary>
    public async Task ExpireAsync(CatalogModel model)
    {
        await _lock.WaitAsync();
        try
        {
            if (_loaded.TryGetValue(model.ModelPath, out var entry))
            {
                entry.KeepAlive = new Duration(0);
                if (entry.References == 0)
                {
                    await UnloadLockedAsync(entry);
                }
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The <c>/api/ps</c> view, latest expiry first.</summary>
    public async Task<IReadOnlyList<ProcessModelResponse>> ListRunningAsync()
    {
        await _lock.WaitAsync();
        try
        {
            var now = time.GetUtcNow();
            return _loaded.Values
                .Select(entry => new ProcessModelResponse
                {
                    Name = entry.Model.ShortName,
                    Model = entry.Model.ShortName,
                    Size = entry.Handle.SizeBytes,
                    Digest = entry.Model.Digest,
                    Details = entry.Model.Details,
                    ExpiresAt = entry.ExpiresAt ?? now + (entry.KeepAlive.IsForever ? _forever : entry.KeepAlive.ToTimeSpan()),
                    SizeVram = 0,
                    ContextLength = entry.Handle.ContextLength,
                })
                .OrderByDescending(model => model.ExpiresAt)
                .ToList();
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync();
        try
        {
            foreach (var entry in _loaded.Values.ToList())
            {
                await UnloadLockedAsync(entry);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    internal async Task ReleaseAsync(LoadedModel entry, bool holdsSlot)
    {
        if (holdsSlot)
        {
            entry.Slots.Release();
        }
        await _lock.WaitAsync();
        try
        {
            entry.References--;
            if (entry.References > 0 || entry.Unloaded)
            {
                return;
            }
            if (entry.KeepAlive.Nanoseconds == 0)
            {
                await UnloadLockedAsync(entry);
                return;
            }
            StartExpiryLocked(entry);
            Signal();
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<(LoadedModel? Entry, TimeSpan LoadDuration, ApiError? Error)> ReserveAsync(CatalogModel model, Options options,
        Duration? keepAlive, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            await _lock.WaitAsync(cancellationToken);
            try
            {
                changed = _changed.Task;
                var (entry, loadDuration, error, mustWait) = await TryReserveLockedAsync(model, options, keepAlive, cancellationToken);
                if (!mustWait)
                {
                    return (entry, loadDuration, error);
                }
            }
            finally
            {
                _lock.Release();
            }
            await changed.WaitAsync(cancellationToken);
        }
    }

    // Reuses a compatible runner, or makes room and loads one; MustWait when busy runners are in the way.
    private async Task<(LoadedModel? Entry, TimeSpan LoadDuration, ApiError? Error, bool MustWait)> TryReserveLockedAsync(
        CatalogModel model, Options options, Duration? keepAlive, CancellationToken cancellationToken)
    {
        if (_loaded.TryGetValue(model.ModelPath, out var existing))
        {
            var sameProjectors = existing.Model.ProjectorPaths.SequenceEqual(model.ProjectorPaths, StringComparer.Ordinal);
            if (sameProjectors && !options.NeedsReload(existing.Options))
            {
                existing.References++;
                existing.CancelExpiry();
                existing.KeepAlive = keepAlive ?? existing.KeepAlive;
                return (existing, TimeSpan.Zero, null, false);
            }
            if (existing.References > 0)
            {
                return (null, TimeSpan.Zero, null, true);
            }
            logger.LogInformation("reloading {Model}: {Reason} changed", model.ShortName, sameProjectors ? "load-time options" : "projectors");
            await UnloadLockedAsync(existing);
        }
        if (!await MakeRoomLockedAsync())
        {
            return (null, TimeSpan.Zero, null, true);
        }
        var (entry, loadDuration, error) = await LoadLockedAsync(model, options, keepAlive ?? config.KeepAlive, cancellationToken);
        return (entry, loadDuration, error, false);
    }

    private async Task<bool> MakeRoomLockedAsync()
    {
        while (_loaded.Count >= config.EffectiveMaxLoadedModels)
        {
            var idle = _loaded.Values
                .Where(entry => entry.References == 0)
                .OrderBy(entry => entry.KeepAlive.Nanoseconds)
                .ThenBy(entry => entry.Model.ModelPath, StringComparer.Ordinal)
                .FirstOrDefault();
            if (idle is null)
            {
                return false;
            }
            logger.LogInformation("evicting {Model} to make room", idle.Model.ShortName);
            await UnloadLockedAsync(idle);
        }
        return true;
    }

    private async Task<(LoadedModel? Entry, TimeSpan LoadDuration, ApiError? Error)> LoadLockedAsync(CatalogModel model, Options options,
        Duration keepAlive, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (model.ProjectorPaths.Count > 1)
        {
            logger.LogWarning("{Model} has {Count} projector layers; the runner loads only the first", model.ShortName,
                model.ProjectorPaths.Count);
        }
        RunnerHandle handle;
        try
        {
            handle = await factory.StartAsync(new RunnerStartRequest(model, options, config.NumParallel), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "loading {Model} failed", model.ShortName);
            // The full error (with the blob path) goes to the log; clients see the model name instead of a server path.
            return (null, TimeSpan.Zero, new ApiError(500, error.Message.Replace(model.ModelPath, model.ShortName, StringComparison.Ordinal)));
        }
        var entry = new LoadedModel(model, options, handle, config.NumParallel, keepAlive) { References = 1 };
        _loaded[model.ModelPath] = entry;
        _ = WatchExitAsync(entry);
        return (entry, time.GetElapsedTime(started), null);
    }

    private async Task WatchExitAsync(LoadedModel entry)
    {
        try
        {
            await entry.Handle.Exited;
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "runner for {Model} failed", entry.Model.ShortName);
        }
        await _lock.WaitAsync();
        try
        {
            if (!entry.Unloaded)
            {
                logger.LogWarning("runner for {Model} exited; it will be loaded again on the next request", entry.Model.ShortName);
                await UnloadLockedAsync(entry);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private void StartExpiryLocked(LoadedModel entry)
    {
        entry.CancelExpiry();
        if (entry.KeepAlive.IsForever)
        {
            entry.ExpiresAt = time.GetUtcNow() + _forever;
            return;
        }
        var delay = entry.KeepAlive.ToTimeSpan();
        var generation = entry.ExpiryGeneration;
        entry.ExpiresAt = time.GetUtcNow() + delay;
        entry.ExpiryTimer = time.CreateTimer(_ => _ = ExpireIdleAsync(entry, generation), null, delay, Timeout.InfiniteTimeSpan);
    }

    private async Task ExpireIdleAsync(LoadedModel entry, int generation)
    {
        await _lock.WaitAsync();
        try
        {
            if (entry.ExpiryGeneration == generation && entry.References == 0 && !entry.Unloaded)
            {
                await UnloadLockedAsync(entry);
            }
        }
        catch (Exception error)
        {
            logger.LogError(error, "unloading {Model} failed", entry.Model.ShortName);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task UnloadLockedAsync(LoadedModel entry)
    {
        entry.Unloaded = true;
        entry.CancelExpiry();
        if (_loaded.TryGetValue(entry.Model.ModelPath, out var current) && current == entry)
        {
            _loaded.Remove(entry.Model.ModelPath);
        }
        Signal();
        await entry.Handle.Runner.DisposeAsync();
    }

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
