using Corral.Server.Scheduling;

namespace Corral.Server.Tests.Fakes;

/// <summary>Starts <see cref="FakeRunner"/>s and records every load; <see cref="Crash"/> simulates a runner exit.</summary>
public sealed class FakeRunnerFactory : IRunnerFactory
{
    private readonly Dictionary<FakeRunner, TaskCompletionSource> _exits = [];

    public List<RunnerStartRequest> Loads { get; } = [];

    public List<FakeRunner> Runners { get; } = [];

    /// <summary>Applied to every new runner before it is handed out.</summary>
    public Action<FakeRunner>? Configure { get; set; }

    /// <summary>When set, every load fails with this message followed by the model path.</summary>
    public string? FailLoad { get; set; }

    public Task<RunnerHandle> StartAsync(RunnerStartRequest request, CancellationToken cancellationToken)
    {
        if (FailLoad is { } failure)
        {
            throw new IOException($"{failure}: {request.Model.ModelPath}");
        }
        var runner = new FakeRunner();
        Configure?.Invoke(runner);
        var exit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Loads)
        {
            Loads.Add(request);
            Runners.Add(runner);
            _exits[runner] = exit;
        }
        return Task.FromResult(new RunnerHandle(runner, exit.Task, 1_000_000, request.Options.NumCtx));
    }

    public FakeRunner Last
    {
        get
        {
            lock (Loads)
            {
                return Runners[^1];
            }
        }
    }

    public void Crash(FakeRunner runner)
    {
        lock (Loads)
        {
            _exits[runner].TrySetResult();
        }
    }
}
