using Corral.Contracts.Runner;

namespace Corral.Server.Scheduling;

/// <summary>A request's hold on one slot of a loaded runner; disposing it frees the slot and restarts keep-alive.</summary>
public sealed class SchedulerLease : IAsyncDisposable
{
    private readonly Scheduler _scheduler;
    private readonly LoadedModel _model;
    private int _released;

    internal SchedulerLease(Scheduler scheduler, LoadedModel model, TimeSpan loadDuration)
    {
        _scheduler = scheduler;
        _model = model;
        LoadDuration = loadDuration;
    }

    public IModelRunner Runner => _model.Handle.Runner;

    /// <summary>Time spent loading the model for this request (zero when it was already loaded).</summary>
    public TimeSpan LoadDuration { get; }

    public int ContextLength => _model.Handle.ContextLength;

    /// <summary>True when the runner process has exited (its failures are then reported as a runner crash).</summary>
    public bool RunnerExited => _model.Handle.Exited.IsCompleted;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _released, 1) == 0 ? new ValueTask(_scheduler.ReleaseAsync(_model, holdsSlot: true)) : ValueTask.CompletedTask;
}
